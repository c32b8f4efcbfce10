using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Ingestion;

/// <summary>Limits applied to data pushed by the bank's systems (HTTP API and CSV import).</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>The most <see cref="MaxAmount"/> may be set to: no transaction any configuration accepts is larger.</summary>
    public const decimal LargestMaxAmount = 1_000_000_000_000m;

    /// <summary>The most <see cref="MaxAccountAmount"/> may be set to: no account figure any configuration accepts is larger.</summary>
    public const decimal LargestMaxAccountAmount = 1_000_000_000_000_000m;

    private const string LargestMaxAmountText = "1000000000000";
    private const string LargestMaxAccountAmountText = "1000000000000000";

    /// <summary>Most items accepted in one API request (a JSON array). Default 1000.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>Largest accepted transaction amount, in the account currency (inclusive). Default 1,000,000.</summary>
    [Range(typeof(decimal), "0.01", LargestMaxAmountText, ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal MaxAmount { get; set; } = 1_000_000m;

    /// <summary>
    /// Largest accepted credit limit, balance (either sign), minimum due or payment on a customer or statement record, in
    /// the account currency (inclusive). Default 1,000,000,000. A figure past it is a feed error, not an account: before
    /// this bound a balance of 7.9 × 10²⁸ reached the customer's own page.
    /// </summary>
    [Range(typeof(decimal), "1", LargestMaxAccountAmountText, ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal MaxAccountAmount { get; set; } = 1_000_000_000m;

    /// <summary>
    /// How far in the future a transaction timestamp may lie, to allow for clock drift between systems.
    /// Default 00:05:00 (5 minutes).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest accepted API request body, in bytes. Default 4,194,304 (4 MiB).</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 4L * 1024 * 1024;
}
