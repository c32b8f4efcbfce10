namespace CreditRisk.Core.Snapshots;

/// <summary>
/// One customer's row of a customer-level snapshot (docs/data-formats.md, "Customer snapshot"): behaviour already
/// aggregated by the bank as of <see cref="AsOf"/>, in the file's own units, plus the next month's delinquency bucket
/// when the file carries it. The latest import of a customer replaces the earlier one.
/// </summary>
public sealed record CustomerSnapshot
{
    /// <summary>The bank's customer id; the stored document's key.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The day the values speak for (the import's <c>--as-of</c>, default the import day).</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Credit limit in the account currency (&gt; 0).</summary>
    public required decimal CreditLimit { get; init; }

    /// <summary>Balance ÷ limit, in % (0 or more; above 100 when over limit).</summary>
    public required double UtilisationPct { get; init; }

    /// <summary>Average payment ÷ statement balance, in % (0 or more).</summary>
    public required double AvgPaymentRatioPct { get; init; }

    /// <summary>Share of recent cycles in which only the minimum due was paid, in % (0–100).</summary>
    public required double MinDuePaidFrequencyPct { get; init; }

    /// <summary>Variety of merchant categories, index 0–1 (1 = spread evenly over many).</summary>
    public required double MerchantMixIndex { get; init; }

    /// <summary>Cash withdrawals ÷ spend, in % (0–100).</summary>
    public required double CashWithdrawalPct { get; init; }

    /// <summary>Recent spend against the period before, in % (−100 or more; negative for a drop).</summary>
    public required double RecentSpendChangePct { get; init; }

    /// <summary>The next month's days-past-due bucket: 0 current, 1 = 1–30, 2 = 31–60, 3 = 61–90; null when the file has no label.</summary>
    public int? DpdBucketNextMonth { get; init; }

    /// <summary>When the row was imported (UTC).</summary>
    public DateTimeOffset ImportedAt { get; init; }
}
