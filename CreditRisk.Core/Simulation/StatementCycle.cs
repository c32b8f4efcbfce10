using CreditRisk.Core.Statements;

namespace CreditRisk.Core.Simulation;

/// <summary>A closed statement still waiting for the payments of its cycle.</summary>
internal sealed record StatementCycle
{
    public required DateOnly Date { get; init; }

    public required decimal Balance { get; init; }

    public required decimal MinimumDue { get; init; }

    /// <summary>The overdue amount from earlier cycles that <see cref="MinimumDue"/> includes.</summary>
    public required decimal ArrearsIncluded { get; init; }

    public required int DaysPastDue { get; init; }

    public DateOnly DueDate => Date.AddDays(CardTerms.GraceDays);

    public Statement ToStatement(string customerId, decimal creditLimit, decimal amountPaid, DateOnly? paidOn) => new()
    {
        Id = Statement.KeyFor(customerId, Date),
        CustomerId = customerId,
        StatementDate = Date,
        CreditLimit = creditLimit,
        Balance = Balance,
        MinimumDue = MinimumDue,
        DueDate = DueDate,
        AmountPaid = amountPaid,
        PaidOn = paidOn,
        DaysPastDue = DaysPastDue,
    };
}
