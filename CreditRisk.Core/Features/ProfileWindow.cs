namespace CreditRisk.Core.Features;

/// <summary>How much history a <see cref="BehaviorProfile"/> retains.</summary>
public static class ProfileWindow
{
    /// <summary>
    /// Daily buckets kept, ending on the latest transaction day: 180 days, the longest feature window
    /// (six 30-day periods for spend volatility).
    /// </summary>
    public const int Days = 180;

    /// <summary>Statement cycles kept: the 12 most recent by statement date.</summary>
    public const int Cycles = 12;
}
