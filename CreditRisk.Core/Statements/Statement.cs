namespace CreditRisk.Core.Statements;

/// <summary>A monthly card statement and what happened to it. One per customer and statement date.</summary>
public sealed record Statement
{
    /// <summary>Natural key <c>{customerId}:{yyyy-MM-dd}</c>; see <see cref="KeyFor"/>.</summary>
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    public required DateOnly StatementDate { get; init; }

    public required decimal CreditLimit { get; init; }

    /// <summary>Closing balance on the statement date.</summary>
    public required decimal Balance { get; init; }

    public decimal? MinimumDue { get; init; }

    public DateOnly? DueDate { get; init; }

    /// <summary>Total paid against this statement (0 when nothing was paid).</summary>
    public required decimal AmountPaid { get; init; }

    public DateOnly? PaidOn { get; init; }

    /// <summary>Days past due as reported by the bank for this cycle (0 when current).</summary>
    public required int DaysPastDue { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public static string KeyFor(string customerId, DateOnly statementDate) =>
        $"{customerId}:{statementDate:yyyy-MM-dd}";
}
