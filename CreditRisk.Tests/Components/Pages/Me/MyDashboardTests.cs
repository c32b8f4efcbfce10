using Bunit;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Statements;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Components.Pages.Me;
using CreditRisk.Web.Customers;

namespace CreditRisk.Tests.Components.Pages.Me;

public sealed class MyDashboardTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync();
        await _h.Store.Customers.UpsertManyAsync(
        [
            A.Customer("cust-1") with { FullName = "Meera Iyer" },
            A.Customer("cust-2", phone: "+919800000002") with { FullName = "Ravi Kumar" },
        ]);
        await _h.Store.Assessments.AddManyAsync(
        [
            A.Assessment("ra-1", "cust-1") with
            {
                Features = [new FeatureValue("utilisation_pct", 95), new FeatureValue("cash_withdrawal_pct_30d", 46)],
                RuleHits =
                [
                    new RuleHit(RuleIds.UtilisationHigh, RiskBand.High, "Utilisation 95% is above 90%"),
                    new RuleHit(RuleIds.CashWithdrawalHigh, RiskBand.High, "Cash withdrawals are 46% of spend"),
                ],
            },
            A.Assessment("ra-2", "cust-2", band: RiskBand.Low),
        ]);
        await _h.Store.Transactions.InsertNewAsync(
        [
            A.Transaction("mine", "cust-1", A.Now.AddDays(-1), amount: 111.11m),
            A.Transaction("theirs", "cust-2", A.Now.AddDays(-1), amount: 222.22m),
        ]);
        await _h.Store.Alerts.TryAddAsync(A.Alert("al-1", "cust-1", status: AlertStatus.Delivered) with { Reason = "Your balance is close to your limit" });
        await _h.Store.Alerts.TryAddAsync(A.Alert("al-2", "cust-2", status: AlertStatus.Delivered) with { Reason = "Ravi's message" });
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Render_CustomerInKolkata_DaysAndMessageTimesInTheirZoneWithTheYearWhenNotThisYear()
    {
        await _h.Store.Customers.UpsertManyAsync([A.Customer("cust-3", phone: "+919800000003") with { TimeZone = "Asia/Kolkata" }]);
        await _h.Store.Transactions.InsertNewAsync(
        [
            A.Transaction("late", "cust-3", new DateTimeOffset(2026, 2, 28, 20, 0, 0, TimeSpan.Zero)), // 1 Mar 01:30 in Kolkata
            A.Transaction("last-year", "cust-3", new DateTimeOffset(2025, 12, 31, 10, 0, 0, TimeSpan.Zero)),
        ]);
        await _h.Store.Alerts.TryAddAsync(A.Alert("al-3", "cust-3", status: AlertStatus.Delivered) with
        {
            Reason = "Your balance is close to your limit", SentAt = new DateTimeOffset(2026, 3, 1, 21, 50, 0, TimeSpan.Zero),
        });
        _h.SignInCustomer("cust-3");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#me-transactions")));
        var days = cut.FindAll("#me-transactions .mud-text-secondary").Select(d => d.TextContent.Trim()).ToList();
        Assert.Equal(["· 1 Mar", "· 31 Dec 2025"], days); // read "30 Nov"-style UTC days, and no year on last year's
        Assert.Contains("2 Mar 2026 03:20 (Asia/Kolkata)", cut.Find("#me-messages").TextContent); // read "… 21:50 UTC"
    }

    [Fact]
    public void Render_SignedInCustomer_ShowsOnlyTheClaimsCustomer()
    {
        _h.SignInCustomer("cust-1");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.Contains("Meera Iyer", cut.Find("#me-name").TextContent));
        Assert.DoesNotContain("Ravi", cut.Markup);
        Assert.Contains("111.11", cut.Find("#me-transactions").TextContent);
        Assert.DoesNotContain("222.22", cut.Markup);
        Assert.Contains("Your balance is close to your limit", cut.Find("#me-messages").TextContent);
    }

    [Fact]
    public void Render_OtherClaim_ShowsThatCustomerInstead()
    {
        _h.SignInCustomer("cust-2");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.Contains("Ravi Kumar", cut.Find("#me-name").TextContent));
        Assert.DoesNotContain("Meera", cut.Markup);
        Assert.Contains("Everything looks fine.", cut.Find("#me-band").TextContent);
    }

    [Fact]
    public void Render_HighBand_ExplainsInPlainLanguageWithActions()
    {
        _h.SignInCustomer("cust-1");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#me-reasons")));
        var reasons = cut.Find("#me-reasons").TextContent;
        Assert.Contains("Your balance is 95% of your credit limit", reasons);
        Assert.Contains("Cash withdrawals are 46% of your spending", reasons);
        Assert.DoesNotContain("above 90%", reasons);
        Assert.Contains("debit card", cut.Find("#me-actions").TextContent);
        Assert.Contains("95%", cut.Find("#me-utilisation").TextContent);
        Assert.Contains("95% of your limit", cut.Find("[data-testid=utilisation-gauge]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Render_ClaimForUnknownCustomer_SaysTheAccountIsMissing()
    {
        _h.SignInCustomer("nobody");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#me-missing")));
    }

    [Fact]
    public void Render_NoCustomerClaim_ShowsNoCustomerData()
    {
        _h.SignInStaff("asha", "Customer");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#me-missing")));
        Assert.DoesNotContain("Meera", cut.Markup);
    }

    [Fact]
    public async Task Render_StatementMinimumUnpaidPastItsDueDate_OverdueCardFirstWithAmountDateAndDays()
    {
        var statementDate = DateOnly.FromDateTime(A.Now.UtcDateTime).AddDays(-30);
        await _h.Store.Statements.UpsertManyAsync(
        [
            A.Statement("cust-1", statementDate) with
            {
                Balance = 12_000m, MinimumDue = 600m, DueDate = statementDate.AddDays(20), AmountPaid = 0m, PaidOn = null, DaysPastDue = 0,
            },
        ]);
        _h.SignInCustomer("cust-1");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#me-overdue")));
        Assert.Contains("10 days late", cut.Find("#me-overdue-title").TextContent);
        Assert.Equal("$600.00", cut.Find("#me-overdue-amount").TextContent);
        Assert.Equal("10", cut.Find("#me-overdue-days").TextContent);
        Assert.Contains("Overdue by 10 days", cut.Find("[data-testid=statement-status]").TextContent);
        Assert.True(cut.Markup.IndexOf("me-overdue", StringComparison.Ordinal) < cut.Markup.IndexOf("me-band", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_MissedPaymentCaughtUpByALaterOne_MissedNotOverdueBesideTheCardsDays()
    {
        // Two months ago missed, last month's minimum paid, the latest missed: the card's 10 days and the statements agree.
        var latest = DateOnly.FromDateTime(A.Now.UtcDateTime).AddDays(-30);
        Statement Month(DateOnly date, decimal paid) => A.Statement("cust-1", date) with
        {
            Balance = 12_000m, MinimumDue = 600m, DueDate = date.AddDays(20), AmountPaid = paid, PaidOn = paid > 0 ? date.AddDays(15) : null, DaysPastDue = 0,
        };
        await _h.Store.Statements.UpsertManyAsync([Month(latest, 0m), Month(latest.AddDays(-30), 600m), Month(latest.AddDays(-60), 0m)]);
        _h.SignInCustomer("cust-1");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.Equal("10", cut.Find("#me-overdue-days").TextContent));
        Assert.Equal(
            ["Overdue by 10 days", "Minimum paid", "Missed"],
            cut.FindAll("[data-testid=statement-status]").Select(td => td.TextContent.Trim()));
    }

    [Theory]
    [InlineData(600, "Minimum paid")]
    [InlineData(2_000, "Part paid")]
    public async Task Render_StatementPaidOnTimeButNotInFull_SaysWhetherOnlyTheMinimumWasPaid(int paid, string expected)
    {
        var statementDate = DateOnly.FromDateTime(A.Now.UtcDateTime).AddDays(-30);
        await _h.Store.Statements.UpsertManyAsync(
        [
            A.Statement("cust-1", statementDate) with
            {
                Balance = 12_000m, MinimumDue = 600m, DueDate = statementDate.AddDays(20), AmountPaid = paid, PaidOn = statementDate.AddDays(15), DaysPastDue = 0,
            },
        ]);
        _h.SignInCustomer("cust-1");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.Equal(expected, cut.Find("[data-testid=statement-status]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("#me-overdue"));
    }

    [Fact]
    public void Render_NothingOverdue_NoOverdueCard()
    {
        _h.SignInCustomer("cust-2");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#me-name")));
        Assert.Empty(cut.FindAll("#me-overdue"));
    }

    [Fact]
    public async Task Render_WelcomeSent_ListedAmongMessagesAndReplyAdviceShown()
    {
        var user = new CreditRisk.Core.Identity.AppUser
        {
            Id = "u-2", UserName = "+919800000002", NormalizedUserName = "+919800000002", PhoneNumber = "+919800000002", CustomerId = "cust-2",
        };
        Assert.True(await _h.Store.Users.TryCreateAsync(user));
        Assert.True(await _h.Store.Users.TryClaimWelcomeAsync("u-2", A.Now.AddDays(-2)));
        await _h.Store.Alerts.TryAddAsync(A.Alert("al-3", "cust-2", status: AlertStatus.Pending) with { Reason = "Not sent yet", SentAt = null });
        await _h.Store.Assessments.AddManyAsync([A.Assessment("ra-3", "cust-2", at: A.Now.AddHours(1), band: RiskBand.Medium)]);
        _h.SignInCustomer("cust-2");

        var cut = _h.Render<MyDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#me-messages")));
        Assert.Contains("Welcome", cut.Find("#me-messages").TextContent);
        Assert.DoesNotContain("Not sent yet", cut.Markup);
        Assert.Contains("Reply to our WhatsApp message", cut.Find("#me-actions").TextContent);
    }
}
