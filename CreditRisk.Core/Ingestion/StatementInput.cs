using System.Text.Json.Serialization;

namespace CreditRisk.Core.Ingestion;

/// <summary>A monthly statement as the bank sends it; nothing is checked yet.</summary>
public sealed record StatementInput
{
    [JsonPropertyName("customerId")]
    public string? CustomerId { get; init; }

    [JsonPropertyName("statementDate")]
    public DateOnly? StatementDate { get; init; }

    [JsonPropertyName("creditLimit")]
    public decimal? CreditLimit { get; init; }

    [JsonPropertyName("balance")]
    public decimal? Balance { get; init; }

    [JsonPropertyName("minimumDue")]
    public decimal? MinimumDue { get; init; }

    [JsonPropertyName("dueDate")]
    public DateOnly? DueDate { get; init; }

    [JsonPropertyName("amountPaid")]
    public decimal? AmountPaid { get; init; }

    [JsonPropertyName("paidOn")]
    public DateOnly? PaidOn { get; init; }

    [JsonPropertyName("daysPastDue")]
    public int? DaysPastDue { get; init; }
}
