using Bunit;
using CreditRisk.Core.Rules;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Components.Pages.Me;
using CreditRisk.Web.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Components.Pages.Me;

/// <summary>
/// The customer's overdue card shows the past-due fact the bank's staff see in the drill-down (same amount, due date
/// and days, same grace days), not a count of its own.
/// </summary>
public sealed class OverdueCardAgreementTests : IAsyncLifetime
{
    private const int GraceDays = 5;

    private ConsoleHarness _h = default!;

    private static DateOnly Today => DateOnly.FromDateTime(A.Now.UtcDateTime);

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync(s => s.Configure<RuleOptions>(o => o.PastDueGraceDays = GraceDays));
        await _h.Store.Customers.UpsertManyAsync([A.Customer("cust-1") with { FullName = "Meera Iyer" }]);
        await _h.Store.Assessments.AddManyAsync([A.Assessment("ra-1", "cust-1")]);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Render_MissedWithinTheGraceDays_NoOverdueCardAsStaffSeeNothingPastDue()
    {
        await _h.Store.Statements.UpsertManyAsync([Unpaid(Today.AddDays(-(GraceDays - 2)))]);
        _h.SignInCustomer("cust-1");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#me-name")));
        Assert.Null((await StaffViewAsync()).Fact);
        Assert.Empty(cut.FindAll("#me-overdue"));
    }

    [Fact]
    public async Task Render_TwoMinimumsMissed_AmountDateAndDaysAreTheStaffFacts()
    {
        await _h.Store.Statements.UpsertManyAsync([Unpaid(Today.AddDays(-45)), Unpaid(Today.AddDays(-15), carried: 600m)]);
        _h.SignInCustomer("cust-1");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#me-overdue")));
        var staff = (await StaffViewAsync()).Fact!;
        Assert.Equal(1_200m, staff.OverdueAmount);
        Assert.Equal("$1,200.00", cut.Find("#me-overdue-amount").TextContent);
        Assert.Equal(staff.DueDate.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), cut.Find("#me-overdue-date").TextContent);
        Assert.Equal(staff.DaysPastDue.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("#me-overdue-days").TextContent);
        Assert.Contains("45 days late", cut.Find("#me-overdue-title").TextContent);
        Assert.Empty(cut.FindAll("#me-overdue-as-of"));
    }

    [Fact]
    public async Task Render_AssessmentDataFromAnEarlierDay_NamesTheDayTheFiguresAreFor()
    {
        await _h.Store.Statements.UpsertManyAsync([Unpaid(Today.AddDays(-45)), Unpaid(Today.AddDays(-15))]);
        _h.Clock.Advance(TimeSpan.FromDays(2));
        _h.SignInCustomer("cust-1");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#me-overdue")));
        Assert.Contains("45 days late", cut.Find("#me-overdue-title").TextContent);
        Assert.Contains("As of " + Today.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), cut.Find("#me-overdue-as-of").TextContent);
        Assert.Equal(45, (await StaffViewAsync()).DaysPastDue);
    }

    /// <summary>An unpaid statement; its minimum is 600 plus the unpaid minimum it carries from earlier ones.</summary>
    private static Core.Statements.Statement Unpaid(DateOnly due, decimal carried = 0m) => A.Statement("cust-1", due.AddDays(-20)) with
    {
        Balance = 12_000m, MinimumDue = 600m + carried, DueDate = due, AmountPaid = 0m, PaidOn = null, DaysPastDue = 0,
    };

    private async Task<PastDuePosition> StaffViewAsync() =>
        (await _h.Context.Services.GetRequiredService<CustomerDetailsService>().GetAsync("cust-1"))!.PastDue!;
}
