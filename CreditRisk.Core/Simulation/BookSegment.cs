namespace CreditRisk.Core.Simulation;

/// <summary>
/// Healthy behaviours of a real card book that simple early-warning rules mistake for stress. Only customers with no
/// stress episode and no shock get one, so they never reach 30+ days past due (docs/simulation.md, "Healthy segments").
/// </summary>
internal enum BookSegment
{
    /// <summary>The ordinary traits only.</summary>
    Ordinary,

    /// <summary>A big spender whose limit is tight for their spend: the balance runs to 85–100% of the limit, paid in full every month.</summary>
    FullLimitTransactor,

    /// <summary>Moved their everyday spending to another card for good; this one keeps a trickle of spend and perhaps the bills.</summary>
    CardSwitcher,

    /// <summary>Routinely draws cash on the card (a quarter to half of what goes on it) and pays like anyone else.</summary>
    CashUser,
}

/// <summary>The day a card switcher moves their spending elsewhere and what stays on this card.</summary>
/// <param name="Day">Day index from the start of the period.</param>
/// <param name="RetainedShare">Share of purchases, big tickets and cash that still go on this card afterwards.</param>
/// <param name="KeepsBills">Whether the recurring bills stay on this card.</param>
internal sealed record CardSwitch(int Day, double RetainedShare, bool KeepsBills);
