namespace CreditRisk.Core.Features;

/// <summary>
/// Per-customer rolling aggregates, updated incrementally by <see cref="ProfileUpdater"/> and reproducible exactly
/// by <see cref="ProfileBuilder"/> from the raw history. <see cref="Version"/> is the optimistic-concurrency token:
/// a writer must present the version it read.
/// </summary>
/// <remarks>
/// Every field is an order-independent function of the set of transactions and statements applied (sums, minima,
/// maxima, "the last 180 days before the latest transaction day", "the 12 latest statements"), which is what lets
/// late and out-of-order arrivals produce the same profile as an in-order replay.
/// </remarks>
public sealed record BehaviorProfile
{
    public required string CustomerId { get; init; }

    /// <summary>Incremented on every successful save; 0 for a profile never stored.</summary>
    public long Version { get; init; }

    /// <summary>When the profile was last saved (UTC); set by the pipeline, never by the pure updater.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>UTC day of the earliest transaction ever applied (pruned or not); null when none.</summary>
    public DateOnly? FirstTransactionDay { get; init; }

    /// <summary>UTC day of the latest transaction ever applied; the retention window ends here. Null when none.</summary>
    public DateOnly? LastTransactionDay { get; init; }

    /// <summary>
    /// The latest day whose transactions were dropped for being older than the retention window; null when nothing
    /// was ever dropped. <see cref="Days"/> is complete for every day after it.
    /// </summary>
    public DateOnly? PrunedThrough { get; init; }

    /// <summary>Number of transactions ever applied, including pruned ones.</summary>
    public long TransactionCount { get; init; }

    /// <summary>
    /// Signed sum of every transaction ever applied (purchases, cash withdrawals, fees and interest add; payments and
    /// refunds subtract), i.e. the balance assuming it was zero before the first transaction. Account currency.
    /// </summary>
    public decimal NetBalance { get; init; }

    /// <summary>
    /// One bucket per UTC day with at least one transaction, oldest first, covering the
    /// <see cref="ProfileWindow.Days"/> days that end on <see cref="LastTransactionDay"/>.
    /// </summary>
    public List<DailyActivity> Days { get; init; } = [];

    /// <summary>The <see cref="ProfileWindow.Cycles"/> most recent statement cycles, oldest first.</summary>
    public List<CycleSummary> Cycles { get; init; } = [];
}

/// <summary>Sums of one UTC day's transactions by type; amounts in the account currency.</summary>
public sealed record DailyActivity
{
    public required DateOnly Day { get; init; }

    public decimal Purchases { get; init; }

    public int PurchaseCount { get; init; }

    public decimal CashWithdrawals { get; init; }

    public int CashWithdrawalCount { get; init; }

    public decimal Payments { get; init; }

    public int PaymentCount { get; init; }

    public decimal Refunds { get; init; }

    public decimal FeesAndInterest { get; init; }

    /// <summary>Purchase count per merchant category code that day; purchases without a category are not counted here.</summary>
    public CategoryCounts MerchantCategoryCounts { get; init; } = CategoryCounts.Empty;
}

/// <summary>What the profile keeps of one statement.</summary>
public sealed record CycleSummary
{
    public required DateOnly StatementDate { get; init; }

    public required decimal CreditLimit { get; init; }

    /// <summary>Closing balance on the statement date (end of day, so it includes that day's transactions).</summary>
    public required decimal Balance { get; init; }

    public decimal? MinimumDue { get; init; }

    public DateOnly? DueDate { get; init; }

    public required decimal AmountPaid { get; init; }

    public required int DaysPastDue { get; init; }
}
