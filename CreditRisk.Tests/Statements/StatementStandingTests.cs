using CreditRisk.Core.Statements;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Statements;

public sealed class StatementStandingTests
{
    private static readonly DateOnly StatementDate = new(2026, 2, 1);
    private static readonly DateOnly DueDate = StatementDate.AddDays(20);

    private static Statement Owing(decimal paid, DateOnly? paidOn = null) => A.Statement(date: StatementDate) with
    {
        Balance = 10_000m, MinimumDue = 500m, DueDate = DueDate, AmountPaid = paid, PaidOn = paidOn, DaysPastDue = 0,
    };

    [Fact]
    public void Of_UnpaidAndPastItsDueDate_OverdueByDaysSinceTheDueDate()
    {
        var status = StatementStanding.Of(Owing(0) with { DaysPastDue = 0 }, DueDate.AddDays(10));

        Assert.Equal(StatementState.Overdue, status.State);
        Assert.Equal(10, status.DaysOverdue);
        Assert.Equal(500m, status.MinimumShortfall);
    }

    [Fact]
    public void Of_UnpaidBeforeTheDueDate_NotYetDueWhateverTheBanksDaysPastDue()
    {
        // The bank's field is the account's arrears on the statement date (the cycle before), not this statement's.
        var status = StatementStanding.Of(Owing(0) with { DaysPastDue = 10 }, DueDate.AddDays(-3));

        Assert.Equal(StatementState.NotYetDue, status.State);
        Assert.Equal(0, status.DaysOverdue);
    }

    [Theory]
    [InlineData(10_000, 15, StatementState.PaidInFull)]
    [InlineData(10_000, 25, StatementState.PaidLate)]
    [InlineData(501, 15, StatementState.PartPaid)]
    [InlineData(500, 15, StatementState.MinimumPaid)]
    [InlineData(500, 25, StatementState.PaidLate)]
    [InlineData(499, 15, StatementState.Overdue)]
    public void Of_PastTheDueDate_PaidInFullPartPaidMinimumPaidLateOrOverdue(int paid, int paidOnDay, StatementState expected)
    {
        var status = StatementStanding.Of(Owing(paid, StatementDate.AddDays(paidOnDay)), DueDate.AddDays(30));

        Assert.Equal(expected, status.State);
    }

    [Fact]
    public void Of_PartPaidBeforeTheDueDate_PartPaidNotYetDue()
    {
        Assert.Equal(StatementState.PartPaidNotYetDue, StatementStanding.Of(Owing(200), DueDate).State);
    }

    [Fact]
    public void Of_NoBalance_NothingToPay()
    {
        Assert.Equal(StatementState.NothingToPay, StatementStanding.Of(Owing(0) with { Balance = 0 }, DueDate.AddDays(5)).State);
    }

    private static Statement Month(int month, decimal paid) => A.Statement(date: new DateOnly(2026, month, 1)) with
    {
        Balance = 10_000m, MinimumDue = 500m, DueDate = new DateOnly(2026, month, 21), AmountPaid = paid, DaysPastDue = 0,
    };

    [Fact]
    public void OfEach_OverdueThenALaterMinimumMet_MissedNotOverdueWhileTheUnbrokenRunStaysOverdue()
    {
        // May missed, June's minimum paid, July and August missed: only July and August are still overdue, as the past-due
        // rule counts them (the run of latest unpaid statements), and the list is given newest first, as screens show it.
        Statement[] newestFirst = [Month(8, 0), Month(7, 100), Month(6, 500), Month(5, 0)];

        var statuses = StatementStanding.OfEach(newestFirst, new DateOnly(2026, 9, 10));

        Assert.Equal(
            [StatementState.Overdue, StatementState.Overdue, StatementState.MinimumPaid, StatementState.MissedThenCaughtUp],
            statuses.Select(s => s.State));
        Assert.Equal([20, 51, 0, 0], statuses.Select(s => s.DaysOverdue));
        Assert.Equal(500m, statuses[3].MinimumShortfall);
    }

    [Fact]
    public void OfEach_LaterStatementNotYetDue_EarlierOverdueStaysOverdue()
    {
        // A statement whose due date has not passed has caught nothing up yet, even part paid.
        Statement[] newestFirst = [Month(9, 200), Month(8, 0)];

        var statuses = StatementStanding.OfEach(newestFirst, new DateOnly(2026, 9, 10));

        Assert.Equal([StatementState.PartPaidNotYetDue, StatementState.Overdue], statuses.Select(s => s.State));
    }
}
