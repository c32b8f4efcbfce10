using System.Text.Json.Serialization;

namespace CreditRisk.Core.Ingestion;

/// <summary>A card transaction as the bank sends it; nothing is checked yet.</summary>
public sealed record TransactionInput
{
    [JsonPropertyName("transactionId")]
    public string? TransactionId { get; init; }

    [JsonPropertyName("customerId")]
    public string? CustomerId { get; init; }

    [JsonPropertyName("timestamp")]
    public DateTimeOffset? Timestamp { get; init; }

    [JsonPropertyName("amount")]
    public decimal? Amount { get; init; }

    /// <summary>Wire name of a <see cref="Transactions.TransactionType"/>, e.g. <c>cash_withdrawal</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("merchantCategory")]
    public string? MerchantCategory { get; init; }

    [JsonPropertyName("merchantId")]
    public string? MerchantId { get; init; }

    [JsonPropertyName("channel")]
    public string? Channel { get; init; }
}
