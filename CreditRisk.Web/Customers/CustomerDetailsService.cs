using CreditRisk.Core.Alerts;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Customers;

/// <summary>Reads what the analyst drill-down shows; every read is by customer id on an index, never a scan.</summary>
public sealed class CustomerDetailsService(
    ICreditRiskStore store,
    AlertHistoryService alertHistory,
    RuleSettingsService rules,
    IChampionModelProvider models,
    IOptions<BandingOptions> banding,
    PastDueReader pastDue)
{
    /// <summary>Assessments kept for the score-history chart.</summary>
    public const int HistoryLength = 120;

    /// <summary>Statements shown (a year of cycles).</summary>
    public const int StatementCount = 12;

    /// <summary>The customer's details; null when there is no such customer.</summary>
    public async Task<CustomerDetails?> GetAsync(string customerId, CancellationToken ct = default)
    {
        var customer = await store.Customers.GetAsync(customerId, ct);
        if (customer is null)
        {
            return null;
        }

        var history = await store.Assessments.ListHistoryAsync(customerId, HistoryLength, ct);
        var latest = history.Count > 0 ? history[0] : null;
        var settings = await rules.GetCurrentAsync(ct);
        var statements = await store.Statements.ListForCustomerAsync(customerId, StatementCount, ct);
        var alerts = await alertHistory.GetAsync(customerId, ct: ct);
        var cutoffs = BandCutoffResolver.Resolve(banding.Value, await models.GetChampionAsync(ct)).Cutoffs;
        return new CustomerDetails(
            customer,
            latest,
            [.. history.Reverse()],
            latest is null ? [] : RuleThresholds.Compare(latest.Features, settings),
            [.. statements.Reverse()],
            alerts,
            cutoffs.MediumFrom,
            cutoffs.HighFrom)
        {
            PastDue = await pastDue.GetAsync(customerId, latest?.AssessedAt, ct),
        };
    }

    /// <summary>One page of the customer's transactions (newest first) matching <paramref name="filter"/>.</summary>
    public Task<TransactionPage> GetTransactionsAsync(
        string customerId, TransactionFilter filter, int page, int pageSize, CancellationToken ct = default) =>
        store.Transactions.QueryForCustomerAsync(customerId, filter, Math.Max(0, page) * pageSize, pageSize, ct);
}
