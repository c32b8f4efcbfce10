using System.Text;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// The columns of a snapshot file and the header spellings each accepts. Headers are compared after
/// <see cref="Normalise"/> (case, spaces, underscores and punctuation ignored, '%' read as "pct"), so
/// <c>Utilisation %</c>, <c>utilisation_pct</c> and <c>UTILISATION PCT</c> are one column; aliases cover the usual
/// other names (<c>customer_id</c>, <c>utilization</c>, <c>dpd_bucket</c>…).
/// </summary>
public static class SnapshotColumns
{
    public const string CustomerId = "Customer ID";
    public const string CreditLimit = "Credit Limit";
    public const string UtilisationPct = "Utilisation %";
    public const string AvgPaymentRatio = "Avg Payment Ratio";
    public const string MinDuePaidFrequency = "Min Due Paid Frequency";
    public const string MerchantMixIndex = "Merchant Mix Index";
    public const string CashWithdrawalPct = "Cash Withdrawal %";
    public const string RecentSpendChangePct = "Recent Spend Change %";
    public const string DpdBucketNextMonth = "DPD Bucket Next Month";

    /// <summary>The columns in the documented order, as the simulator writes them.</summary>
    public static IReadOnlyList<string> Ordered { get; } =
    [
        CustomerId, CreditLimit, UtilisationPct, AvgPaymentRatio, MinDuePaidFrequency, MerchantMixIndex, CashWithdrawalPct,
        RecentSpendChangePct, DpdBucketNextMonth,
    ];

    /// <summary>The label column; a file may leave it out (scoring only) but not when training.</summary>
    public static bool IsOptional(string column) => column == DpdBucketNextMonth;

    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
    {
        [CustomerId] = ["customer", "customerid", "custid", "id", "customerno", "customernumber"],
        [CreditLimit] = ["creditlimit", "limit", "creditline"],
        [UtilisationPct] = ["utilisation", "utilization", "utilisationpct", "utilizationpct", "utilisationpercent", "utilizationpercent", "creditutilisation", "creditutilization", "utilpct"],
        [AvgPaymentRatio] = ["avgpaymentratio", "averagepaymentratio", "paymentratio", "avgpaymentratiopct", "avgpaymentpct"],
        [MinDuePaidFrequency] = ["minduepaidfrequency", "minduepaidfreq", "minimumduepaidfrequency", "minduefrequency", "minduepaidfrequencypct", "minduepaidpct"],
        [MerchantMixIndex] = ["merchantmixindex", "merchantmix", "merchantmixidx"],
        [CashWithdrawalPct] = ["cashwithdrawal", "cashwithdrawalpct", "cashwithdrawalpercent", "cashwithdrawalshare", "cashpct", "cashadvancepct"],
        [RecentSpendChangePct] = ["recentspendchange", "recentspendchangepct", "spendchange", "spendchangepct", "recentspendchangepercent"],
        [DpdBucketNextMonth] = ["dpdbucketnextmonth", "dpdbucket", "dpdnextmonth", "nextmonthdpdbucket", "dpd", "label"],
    };

    private static readonly Dictionary<string, string> ByAlias = Aliases
        .SelectMany(a => a.Value.Append(Normalise(a.Key)).Select(alias => (alias, column: a.Key)))
        .DistinctBy(x => x.alias)
        .ToDictionary(x => x.alias, x => x.column, StringComparer.Ordinal);

    /// <summary>The documented column a header cell names, or null when it names none.</summary>
    public static string? Match(string header) => ByAlias.GetValueOrDefault(Normalise(header));

    /// <summary>Lower case, '%' as "pct", letters and digits only: <c>"Utilisation %"</c> → <c>utilisationpct</c>.</summary>
    public static string Normalise(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var text = new StringBuilder(header.Length + 3);
        foreach (var c in header.Trim().TrimStart('\uFEFF'))
        {
            if (c == '%')
            {
                text.Append("pct");
            }
            else if (char.IsLetterOrDigit(c))
            {
                text.Append(char.ToLowerInvariant(c));
            }
        }

        return text.ToString();
    }
}
