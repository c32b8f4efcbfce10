using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>A backtest of a proposed change: the same stored customers replayed with the settings in force and with the proposal.</summary>
public sealed record RulesWhatIfResult
{
    /// <summary>Customers replayed (each replay holds the same ones).</summary>
    public required int Customers { get; init; }

    /// <summary>Replayed customers who reached 30+ DPD in the period.</summary>
    public required int DelinquentCustomers { get; init; }

    public required int NeverDelinquentCustomers { get; init; }

    /// <summary>How the customers were chosen from the store.</summary>
    public required StoreSample Sample { get; init; }

    public required ReplayPeriod Period { get; init; }

    /// <summary>The model both replays scored with; null when the rules alone decided.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Stored version of the rule settings in force that "now" replayed (0 = the configured defaults).</summary>
    public required long RulesVersion { get; init; }

    /// <summary>The rule settings the proposal replayed.</summary>
    public required RuleSettings ProposedRules { get; init; }

    /// <summary>What the proposal changes, one line per setting; empty when it changes nothing.</summary>
    public required IReadOnlyList<string> Changes { get; init; }

    public required WhatIfFigures Now { get; init; }

    public required WhatIfFigures Proposed { get; init; }

    public required double DurationSeconds { get; init; }
}

/// <summary>The measures a risk team weighs a change by, for one replay (see docs/early-warning.md).</summary>
public sealed record WhatIfFigures
{
    public required BandCutoffs Cutoffs { get; init; }

    /// <summary>Customers whose band at the end of the period (their last assessment) is at the level: flagged "today".</summary>
    public required CountByLevel FlaggedToday { get; init; }

    /// <summary>Escalations into High (one alert each) per 1,000 customers per month.</summary>
    public required double HighAlertsPer1000PerMonth { get; init; }

    /// <summary>Share of delinquent customers first flagged at the level at least 30 days before their first 30+ DPD date.</summary>
    public required ByLevel DelinquentsFlaggedAhead { get; init; }

    /// <summary>Share of never-delinquent customers ever flagged at the level in the period.</summary>
    public required ByLevel NeverDelinquentFlagged { get; init; }

    public static WhatIfFigures From(EarlyWarningReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new WhatIfFigures
        {
            Cutoffs = report.Cutoffs,
            FlaggedToday = report.FlaggedAtEnd,
            HighAlertsPer1000PerMonth = report.AlertsPer1000CustomersPerMonth,
            DelinquentsFlaggedAhead = report.FlaggedAhead,
            NeverDelinquentFlagged = report.FalseAlarmRate,
        };
    }
}
