namespace CreditRisk.Core.Scoring.Cutoffs;

/// <summary>
/// How many customers the bank can act on, from which <c>train</c> chooses the band cut-offs on the hold-out (see
/// <see cref="BudgetCutoffChooser"/>).
/// </summary>
/// <param name="HighAlertsPer1000PerMonth">
/// Escalations into High (one WhatsApp alert each) per 1,000 customer-months the model may raise; default 25.
/// </param>
/// <param name="WatchListShare">Share (0–1) of customer-months the model may put at Medium or higher; default 0.10.</param>
public sealed record AlertBudget(double HighAlertsPer1000PerMonth, double WatchListShare)
{
    public const double DefaultHighAlertsPer1000PerMonth = 25;

    public const double DefaultWatchListShare = 0.10;

    /// <summary>25 High alerts per 1,000 customers per month and a 10% watch list.</summary>
    public static AlertBudget Default { get; } = new(DefaultHighAlertsPer1000PerMonth, DefaultWatchListShare);
}
