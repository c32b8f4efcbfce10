using CreditRisk.Core.Features;

namespace CreditRisk.Core.Statements;

/// <summary>Where a statement stands on a given day, as a customer would put it.</summary>
public enum StatementState
{
    /// <summary>No balance to repay.</summary>
    NothingToPay,

    /// <summary>The balance was paid in full by the due date (or before it).</summary>
    PaidInFull,

    /// <summary>The due date has not passed and nothing was paid yet.</summary>
    NotYetDue,

    /// <summary>The due date has not passed and part of the balance was paid.</summary>
    PartPaidNotYetDue,

    /// <summary>The due date passed; more than the minimum was paid on time, not the whole balance.</summary>
    PartPaid,

    /// <summary>The due date passed; exactly the minimum was paid on time (the rest carried, as a revolver does).</summary>
    MinimumPaid,

    /// <summary>The due date passed and at least the minimum was paid, but after the due date.</summary>
    PaidLate,

    /// <summary>The due date passed and less than the minimum was paid.</summary>
    Overdue,
}

/// <param name="State">Where the statement stands.</param>
/// <param name="DueDate">The statement's due date, or the statement date plus <see cref="FeatureEngine.DefaultGraceDays"/> when the bank sent none.</param>
/// <param name="MinimumShortfall">How much of the minimum due is still unpaid (0 when the minimum was paid).</param>
/// <param name="DaysOverdue">Days since the due date while <see cref="StatementState.Overdue"/>; 0 otherwise.</param>
public sealed record StatementStatus(StatementState State, DateOnly DueDate, decimal MinimumShortfall, int DaysOverdue);

/// <summary>
/// Statement status from the statement's own figures and today's date, rather than from the bank's days-past-due field:
/// that field is the account's arrears on the statement date (it belongs to the cycle before), so shown on a statement
/// it made a not-yet-due statement read "10 days past due" and left an unpaid, past-due one "Open".
/// </summary>
public static class StatementStanding
{
    public static StatementStatus Of(Statement statement, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var due = statement.DueDate ?? statement.StatementDate.AddDays(FeatureEngine.DefaultGraceDays);
        var minimum = Math.Min(statement.MinimumDue ?? statement.Balance, statement.Balance);
        var shortfall = Math.Max(0, minimum - statement.AmountPaid);
        if (statement.Balance <= 0)
        {
            return new(StatementState.NothingToPay, due, 0, 0);
        }

        var paidLate = statement.PaidOn is { } paidOn && paidOn > due;
        if (statement.AmountPaid >= statement.Balance)
        {
            return new(paidLate ? StatementState.PaidLate : StatementState.PaidInFull, due, 0, 0);
        }

        if (today <= due)
        {
            return new(statement.AmountPaid > 0 ? StatementState.PartPaidNotYetDue : StatementState.NotYetDue, due, shortfall, 0);
        }

        if (shortfall > 0)
        {
            return new(StatementState.Overdue, due, shortfall, today.DayNumber - due.DayNumber);
        }

        var onTime = statement.AmountPaid == minimum ? StatementState.MinimumPaid : StatementState.PartPaid;
        return new(paidLate ? StatementState.PaidLate : onTime, due, 0, 0);
    }
}
