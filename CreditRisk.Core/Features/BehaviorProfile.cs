namespace CreditRisk.Core.Features;

/// <summary>
/// Per-customer rolling aggregates, updated incrementally by the pipeline.
/// <see cref="Version"/> is the optimistic-concurrency token: a writer must present the version it read.
/// </summary>
public sealed record BehaviorProfile
{
    public required string CustomerId { get; init; }

    /// <summary>Incremented on every successful save; 0 for a profile never stored.</summary>
    public long Version { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>One bucket per calendar day (UTC) with activity, oldest first, within the longest feature window.</summary>
    public List<DailyActivity> Days { get; init; } = [];

    /// <summary>The most recent statement cycles, oldest first.</summary>
    public List<CycleSummary> Cycles { get; init; } = [];
}

/// <summary>Sums of one day's transactions by type; amounts in the account currency.</summary>
public sealed record DailyActivity
{
    public required DateOnly Day { get; init; }

    public decimal Purchases { get; init; }

    public int PurchaseCount { get; init; }

    public decimal CashWithdrawals { get; init; }

    public int CashWithdrawalCount { get; init; }

    public decimal Payments { get; init; }

    public decimal Refunds { get; init; }

    public decimal FeesAndInterest { get; init; }

    /// <summary>Purchase count per merchant category code that day.</summary>
    public Dictionary<string, int> MerchantCategoryCounts { get; init; } = [];
}

/// <summary>What the profile keeps of one statement.</summary>
public sealed record CycleSummary
{
    public required DateOnly StatementDate { get; init; }

    public required decimal CreditLimit { get; init; }

    public required decimal Balance { get; init; }

    public decimal? MinimumDue { get; init; }

    public required decimal AmountPaid { get; init; }

    public required int DaysPastDue { get; init; }
}
