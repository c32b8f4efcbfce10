using CreditRisk.Core.Customers;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Runs the <see cref="RiskPipeline"/> on every accepted ingest (API request or CSV import) before it answers, so
/// the response follows the customers' re-scoring: new transactions and statements are applied, customers whose
/// record changed are re-assessed, and replayed transactions found still pending because a previous process died
/// between storing and applying them have their customers recovered from the raw history.
/// </summary>
public sealed class RiskIngestionListener(RiskPipeline pipeline, PendingTransactionRecovery recovery, ICreditRiskStore store) : IIngestionListener
{
    public async Task OnCustomersAcceptedAsync(IReadOnlyList<Customer> customers, CancellationToken ct)
    {
        // A customer without a profile has nothing to re-assess; the first transaction or statement will.
        var ids = customers.Select(c => c.Id).Distinct(StringComparer.Ordinal).ToList();
        var profiled = await store.Profiles.GetManyAsync(ids, ct);
        if (profiled.Count > 0)
        {
            await pipeline.ReassessAsync([.. ids.Where(profiled.ContainsKey)], RiskTriggers.Customer, ct);
        }
    }

    public Task OnTransactionsAcceptedAsync(IReadOnlyList<Transaction> newOnes, CancellationToken ct) =>
        pipeline.ProcessTransactionsAsync(newOnes, ct);

    public Task OnTransactionsReplayedAsync(IReadOnlyList<Transaction> storedOriginals, CancellationToken ct) =>
        recovery.RecoverOrphansAsync(storedOriginals, ct);

    public Task OnStatementsAcceptedAsync(IReadOnlyList<Statement> statements, CancellationToken ct) =>
        pipeline.ProcessStatementsAsync(statements, ct);
}
