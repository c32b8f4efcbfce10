namespace CreditRisk.Core.Simulation;

/// <summary>How latent stress shows in spending.</summary>
internal enum StressStyle
{
    /// <summary>Lives on the card: more cash withdrawals, essentials, rising utilisation.</summary>
    Borrow,

    /// <summary>Cuts spending hard; merchant mix shrinks; payments fall to the minimum.</summary>
    Cutback,
}

/// <summary>
/// A latent financial-stress episode. Intensity ramps up from <see cref="OnsetDay"/> over <see cref="RampDays"/>
/// to <see cref="Visibility"/>; the customer either stops paying at <see cref="MissDay"/> or recovers from
/// <see cref="RecoveryDay"/> on. Days are indices from the first day of the period (negative = before it).
/// </summary>
internal sealed record StressEpisode
{
    public required int OnsetDay { get; init; }

    public required double RampDays { get; init; }

    /// <summary>How strongly the stress shows in behaviour (0–1); some stressed customers show almost nothing.</summary>
    public required double Visibility { get; init; }

    public required StressStyle Style { get; init; }

    /// <summary>First day on which a due payment is missed on purpose; null for an episode that ends in recovery.</summary>
    public int? MissDay { get; init; }

    /// <summary>Day the stress starts to fade; null for an episode that ends in default.</summary>
    public int? RecoveryDay { get; init; }

    public double FadeDays { get; init; } = 45;

    public double Intensity(int day)
    {
        if (day < OnsetDay)
        {
            return 0;
        }

        var level = Math.Min(1, (day - OnsetDay) / RampDays);
        if (RecoveryDay is { } recovery && day > recovery)
        {
            level *= Math.Max(0, 1 - (day - recovery) / FadeDays);
        }

        return Visibility * level;
    }
}
