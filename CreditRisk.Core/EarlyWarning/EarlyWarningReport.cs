using System.Text.Json.Serialization;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>What to replay and how.</summary>
public sealed record EarlyWarningRequest
{
    /// <summary>
    /// Directory with customers.csv, transactions.csv and/or statements.csv, and delinquency_events.csv, for
    /// <see cref="EarlyWarningService.RunAsync(EarlyWarningRequest, IProgress{string}?, CancellationToken)"/>; a replay of
    /// an already read <see cref="ReplayHistory"/> (the store's) leaves it null.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// A change to replay instead of what is in force: its rules replace the stored rule settings, its cut-offs those the
    /// pipeline uses. Null replays the settings in force.
    /// </summary>
    public RiskProposal? Proposal { get; init; }

    /// <summary>Model version to score with; null = the champion (rules alone when there is none).</summary>
    public string? ModelVersion { get; init; }

    /// <summary>
    /// Days of data per replay step (1–31). Default 7: each step hands every customer's new items to the pipeline in one
    /// batch and re-scores the customers without any, so flags are timed to within a week.
    /// </summary>
    public int StepDays { get; init; } = 7;

    /// <summary>How far ahead of the 30+ DPD date a flag must come to count as early, in days. Default 30.</summary>
    public int LeadDays { get; init; } = 30;

    /// <summary>Replay shards run in parallel, each with its own temporary store. Default: the processor count.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Other model cut-offs to report the same measures for (bands recomputed from the replayed scores).</summary>
    public IReadOnlyList<BandCutoffs> WhatIf { get; init; } = [];

    /// <summary>
    /// Where the temporary stores go (deleted afterwards); default <c>/dev/shm</c> when it exists and has room (about
    /// 8 KB per customer per step free), else the system's temporary directory.
    /// </summary>
    public string? WorkDirectory { get; init; }
}

/// <summary>A number of customers at the two flag levels.</summary>
public sealed record CountByLevel(int MediumOrHigher, int High);

/// <summary>The replayed period.</summary>
public sealed record ReplayPeriod(DateOnly From, DateOnly To, double Months, int StepDays, int Steps);

/// <summary>
/// What <c>creditrisk early-warning</c> prints: the replay, the brief's lead-time measures with the bands the pipeline
/// gave, and the same measures for other model cut-offs when asked. See <see cref="EarlyWarningMeasures"/>.
/// </summary>
public sealed record EarlyWarningReport
{
    public required int Customers { get; init; }

    public required int DelinquentCustomers { get; init; }

    /// <summary>Left out of the replay and of every measure: already 30+ DPD before their data (<see cref="ReplayHistory.AlreadyDelinquent"/>).</summary>
    public int AlreadyDelinquentCustomers { get; init; }

    public required int NeverDelinquentCustomers { get; init; }

    /// <summary>The model scored with; null when the rules alone decided.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The model cut-offs replayed: the proposal's, else those in force (<see cref="CutoffsOrigin"/> says whose).</summary>
    public required BandCutoffs Cutoffs { get; init; }

    /// <summary>
    /// Pinned (by configuration or by the proposal), the model's own (chosen from the alert budget at training), or the
    /// legacy defaults.
    /// </summary>
    public CutoffOrigin CutoffsOrigin { get; init; }

    /// <summary>The change replayed instead of the settings in force; null when none.</summary>
    public RiskProposal? Proposal { get; init; }

    public required ReplayPeriod Period { get; init; }

    public required int LeadDays { get; init; }

    public required ByLevel FlaggedAhead { get; init; }

    public required NullableByLevel MedianLeadDays { get; init; }

    public required ByLevel FalseAlarmRate { get; init; }

    /// <summary>Alerts the pipeline raised (escalations into High).</summary>
    public required long Alerts { get; init; }

    [JsonPropertyName("alerts_per_1000_customers_per_month")]
    public required double AlertsPer1000CustomersPerMonth { get; init; }

    public required ByLevel FlaggedBeforeDelinquency { get; init; }

    public required ByLevel FlaggedAtLeadDay { get; init; }

    public required ByLevel AssessmentShare { get; init; }

    /// <summary>Customers at the level at the end of the replay (their last assessment): those flagged "today".</summary>
    public required CountByLevel FlaggedAtEnd { get; init; }

    public required DelinquentSubset WithHistory { get; init; }

    /// <summary>The same measures for the rules' band alone and the model's band alone (configured cut-offs).</summary>
    public required BandSources Sources { get; init; }

    /// <summary>Each expert rule judged alone, by rule id.</summary>
    public required IReadOnlyDictionary<string, RuleOutcome> Rules { get; init; }

    public required long Assessments { get; init; }

    public required double DurationSeconds { get; init; }

    /// <summary>The measures under other model cut-offs; empty when none were asked for.</summary>
    public IReadOnlyList<CutoffTradeOff> WhatIf { get; init; } = [];

    /// <summary>The alert-budget trade-off: the High cut-off swept over the replay's probabilities (<see cref="BudgetSweep"/>); empty without a model.</summary>
    public IReadOnlyList<BudgetSweepPoint> BudgetCurve { get; init; } = [];
}

/// <summary>The lead-time measures of one way of banding the replayed assessments.</summary>
public sealed record BandingOutcome
{
    public required ByLevel FlaggedAhead { get; init; }

    public required NullableByLevel MedianLeadDays { get; init; }

    public required ByLevel FalseAlarmRate { get; init; }

    public required ByLevel FlaggedAtLeadDay { get; init; }

    [JsonPropertyName("alerts_per_1000_customers_per_month")]
    public required double AlertsPer1000CustomersPerMonth { get; init; }

    public required ByLevel AssessmentShare { get; init; }

    public static BandingOutcome From(EarlyWarningFigures figures) => new()
    {
        FlaggedAhead = figures.FlaggedAhead,
        MedianLeadDays = figures.MedianLeadDays,
        FalseAlarmRate = figures.FalseAlarmRate,
        FlaggedAtLeadDay = figures.FlaggedAtLeadDay,
        AlertsPer1000CustomersPerMonth = figures.AlertsPer1000CustomersPerMonth,
        AssessmentShare = figures.AssessmentShare,
    };
}

/// <summary>
/// What the same replay would have shown under other model cut-offs: with the rules as live (combined band = the higher
/// of the model's and the rules'), and for the model alone.
/// </summary>
public sealed record CutoffTradeOff(BandCutoffs Cutoffs, BandingOutcome WithRules, BandingOutcome ModelAlone);

/// <summary>One expert rule judged alone: "flagged" means the rule fired, whatever band it gives.</summary>
public sealed record RuleOutcome
{
    /// <summary>Share of delinquent customers on whom the rule first fired at least the lead (30 days) before their 30+ DPD date.</summary>
    public required double FlaggedAhead { get; init; }

    public required double? MedianLeadDays { get; init; }

    /// <summary>Share of never-delinquent customers on whom it ever fired.</summary>
    public required double FalseAlarmRate { get; init; }

    /// <summary>Share of all assessments on which it fired.</summary>
    public required double FiringShare { get; init; }

    /// <summary>How often it starts firing (it was not firing at the previous assessment), per 1,000 customers per month.</summary>
    [JsonPropertyName("onsets_per_1000_customers_per_month")]
    public required double OnsetsPer1000CustomersPerMonth { get; init; }

    public static RuleOutcome From(EarlyWarningFigures figures) => new()
    {
        FlaggedAhead = figures.FlaggedAhead.High,
        MedianLeadDays = figures.MedianLeadDays.High,
        FalseAlarmRate = figures.FalseAlarmRate.High,
        FiringShare = figures.AssessmentShare.High,
        OnsetsPer1000CustomersPerMonth = figures.AlertsPer1000CustomersPerMonth,
    };
}

/// <summary>The configured bands split into their two sources, to show which one flags whom.</summary>
public sealed record BandSources(BandingOutcome RulesAlone, BandingOutcome ModelAlone);
