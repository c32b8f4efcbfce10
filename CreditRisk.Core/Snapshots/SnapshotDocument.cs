using System.Globalization;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// The stored field names and value conversions of a <see cref="CustomerSnapshot"/>, shared by both adapters so the
/// two stores hold the same document (customer id as <c>_id</c>, the as-of day as <c>yyyy-MM-dd</c>, money as decimal).
/// </summary>
internal static class SnapshotDocument
{
    public const string CollectionName = "customer_snapshots";

    public const string Id = "_id";
    public const string AsOf = "AsOf";
    public const string CreditLimit = "CreditLimit";
    public const string UtilisationPct = "UtilisationPct";
    public const string AvgPaymentRatioPct = "AvgPaymentRatioPct";
    public const string MinDuePaidFrequencyPct = "MinDuePaidFrequencyPct";
    public const string MerchantMixIndex = "MerchantMixIndex";
    public const string CashWithdrawalPct = "CashWithdrawalPct";
    public const string RecentSpendChangePct = "RecentSpendChangePct";
    public const string DpdBucketNextMonth = "DpdBucketNextMonth";
    public const string ImportedAt = "ImportedAt";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
