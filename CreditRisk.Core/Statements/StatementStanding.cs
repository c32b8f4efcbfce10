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

    /// <summary>
    /// The due date passed with less than the minimum paid, but a later statement's minimum has been met since: the
    /// missed payment is history, no longer counted overdue (the past-due rule's run of unpaid statements stops there too).
    /// </summary>
    MissedThenCaughtUp,
}

/// <param name="State">Where the statement stands.</param>
/// <param name="DueDate">The statement's due date, or the statement date plus <see cref="FeatureEngine.DefaultGraceDays"/> when the bank sent none.</param>
/// <param name="MinimumShortfall">How much of the minimum due is still unpaid, or was when it was missed (0 when the minimum was paid).</param>
/// <param name="DaysOverdue">Days since the due date while <see cref="StatementState.Overdue"/>; 0 otherwise.</param>
public sealed record StatementStatus(StatementState State, DateOnly DueDate, decimal MinimumShortfall, int DaysOverdue);

/// <summary>
/// Statement status from the statement's own figures and today's date, rather than from the bank's days-past-due field:
/// that field is the account's arrears on the statement date (it belongs to the cycle before), so shown on a statement
/// it made a not-yet-due statement read "10 days past due" and left an unpaid, past-due one "Open".
/// </summary>
public static class StatementStanding
{
    /// <summary>
    /// Each statement's status (in the order given), with an overdue statement followed by a later one whose minimum was
    /// met read as <see cref="StatementState.MissedThenCaughtUp"/>: a customer who missed May's payment and paid every
    /// minimum since is not "overdue by 194 days" on May while their days past due read 0, as the past-due rule
    /// (<c>PastDueFact</c>) counts only the unbroken run of latest unpaid statements.
    /// </summary>
    public static IReadOnlyList<StatementStatus> OfEach(IReadOnlyList<Statement> statements, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var statuses = statements.Select(s => Of(s, today)).ToArray();
        var caughtUp = false;
        foreach (var i in Enumerable.Range(0, statements.Count).OrderByDescending(i => statements[i].StatementDate))
        {
            var status = statuses[i];
            if (status.State == StatementState.Overdue && caughtUp)
            {
                statuses[i] = status with { State = StatementState.MissedThenCaughtUp, DaysOverdue = 0 };
            }

            caughtUp |= MetTheMinimum(status.State);
        }

        return statuses;
    }

    private static bool MetTheMinimum(StatementState state) => state is StatementState.NothingToPay
        or StatementState.PaidInFull or StatementState.PartPaid or StatementState.MinimumPaid or StatementState.PaidLate;

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
