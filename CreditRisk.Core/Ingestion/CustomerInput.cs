using System.Text.Json.Serialization;

namespace CreditRisk.Core.Ingestion;

/// <summary>A customer as the bank sends it (JSON body or one <c>customers.csv</c> row); nothing is checked yet.</summary>
public sealed record CustomerInput
{
    [JsonPropertyName("customerId")]
    public string? CustomerId { get; init; }

    [JsonPropertyName("fullName")]
    public string? FullName { get; init; }

    [JsonPropertyName("phone")]
    public string? Phone { get; init; }

    [JsonPropertyName("creditLimit")]
    public decimal? CreditLimit { get; init; }

    [JsonPropertyName("openedOn")]
    public DateOnly? OpenedOn { get; init; }

    /// <summary>
    /// IANA time zone (e.g. <c>Asia/Kolkata</c>) for quiet hours; missing keeps a known customer's zone, and a new
    /// customer without one follows the configured default.
    /// </summary>
    [JsonPropertyName("timeZone")]
    public string? TimeZone { get; init; }

    /// <summary>Missing keeps a known customer's opt-in; a new customer without it has not opted in.</summary>
    [JsonPropertyName("whatsappOptIn")]
    public bool? WhatsappOptIn { get; init; }
}
