using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Customers;

/// <summary>Reads a customer's own dashboard; callers pass the id from the sign-in claim, never from the URL.</summary>
public sealed class CustomerDashboardService(
    ICreditRiskStore store, PastDueReader pastDue, TimeProvider time, IOptions<AlertDeliveryOptions> delivery)
{
    /// <summary>Calendar months in the spend trend, the current one included.</summary>
    public const int TrendMonths = 6;

    public const int RecentTransactionCount = 10;

    public const int StatementCount = 6;

    public const int MessageCount = 20;

    /// <summary>The dashboard of <paramref name="customerId"/>; null when there is no such customer.</summary>
    public async Task<CustomerDashboard?> GetAsync(string customerId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var customer = await store.Customers.GetAsync(customerId, ct);
        if (customer is null)
        {
            return null;
        }

        var latest = await store.Assessments.GetLatestAsync(customerId, ct);
        var now = time.GetUtcNow();
        var clock = new CustomerClock(CustomerTimeZone.Resolve(customer, delivery.Value.ResolveTimeZone()), now);
        var firstMonth = clock.MonthStart(-(TrendMonths - 1));
        var window = await store.Transactions.ListForCustomerAsync(customerId, firstMonth, now.AddTicks(1), ct);
        var recent = await store.Transactions.ListRecentForCustomerAsync(customerId, 0, RecentTransactionCount, ct);
        var statements = await store.Statements.ListForCustomerAsync(customerId, StatementCount, ct);
        var alerts = await store.Alerts.ListForCustomerAsync(customerId, MessageCount, ct);
        var sent = alerts.Where(a => a.SentAt is not null).ToList();
        // The account holding the number may still be another customer's (the bank moved the number; the old account is
        // reassigned only at its next sign-in code): only this customer's own account's welcome counts.
        var account = await store.Users.FindByPhoneAsync(customer.Phone, ct);
        var welcomeSentAt = account?.CustomerId == customerId ? account.WelcomeSentAt : null;

        return new CustomerDashboard(
            customer,
            latest?.Band,
            latest?.AssessedAt,
            latest is null ? [] : CustomerAdvice.Reasons(latest),
            CustomerAdvice.Actions(latest, messaged: sent.Count > 0 || welcomeSentAt is not null),
            latest?.Features.FirstOrDefault(f => f.Name == FeatureNames.UtilisationPct)?.Value,
            Trend(window, clock),
            recent,
            [.. statements.Reverse()],
            sent)
        {
            WelcomeSentAt = welcomeSentAt,
            Clock = clock,
            // The staff drill-down's own fact, so the customer and the bank see the same amount, date and days.
            PastDue = await pastDue.GetAsync(customerId, latest?.AssessedAt, ct),
        };
    }

    // Months of the customer's own calendar, as the recent list dates each purchase: a purchase at 02:00 on 1 March in
    // Kolkata is March's, though it is 28 February in UTC.
    private static List<MonthlySpend> Trend(IReadOnlyList<Transaction> transactions, CustomerClock clock)
    {
        var byMonth = transactions.GroupBy(t => clock.MonthOf(t.Timestamp)).ToDictionary(g => g.Key, g => g.ToList());
        return [.. Enumerable.Range(0, TrendMonths).Select(i =>
        {
            var month = clock.MonthOf(clock.MonthStart(i - (TrendMonths - 1)));
            var items = byMonth.GetValueOrDefault(month) ?? [];
            return new MonthlySpend(
                month,
                items.Where(t => t.Type == TransactionType.Purchase).Sum(t => t.Amount),
                items.Where(t => t.Type == TransactionType.CashWithdrawal).Sum(t => t.Amount));
        })];
    }
}
