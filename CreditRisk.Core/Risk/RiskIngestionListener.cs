using CreditRisk.Core.Customers;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Runs the <see cref="RiskPipeline"/> on every accepted ingest (API request or CSV import) before it answers, so
/// the response follows the customers' re-scoring: new transactions and statements are applied, customers whose
/// record changed are re-assessed, and replayed transactions found still pending are waited for (when a run of this
/// process is applying them) or have their customers recovered from the raw history.
/// </summary>
/// <remarks>
/// The data is already committed when this runs, so a caller that gives up (a client that hangs up or times out) must
/// not stop it half-way: that would leave the customers stale until the recovery sweep. Each call is bounded by
/// <see cref="RiskPipelineOptions.PostCommitTimeoutSeconds"/> instead of the caller's token. Each call counts towards
/// <see cref="LiveIngestionLoad"/>, which the nightly re-score watches to leave live ingestion a core.
/// </remarks>
public sealed class RiskIngestionListener(
    RiskPipeline pipeline,
    PendingRecovery recovery,
    TransactionsInFlight inFlight,
    ICreditRiskStore store,
    IOptions<RiskPipelineOptions> options,
    TimeProvider time,
    LiveIngestionLoad load) : IIngestionListener
{
    public async Task OnCustomersAcceptedAsync(IReadOnlyList<Customer> customers, CancellationToken ct)
    {
        using var busy = load.Begin();
        using var bounded = PostCommitTimeout();

        // A customer without a profile has nothing to re-assess; the first transaction or statement will.
        var ids = customers.Select(c => c.Id).Distinct(StringComparer.Ordinal).ToList();
        var profiled = await store.Profiles.GetManyAsync(ids, bounded.Token);
        if (profiled.Count > 0)
        {
            await pipeline.ReassessAsync([.. ids.Where(profiled.ContainsKey)], RiskTriggers.Customer, bounded.Token);
        }
    }

    public async Task OnTransactionsAcceptedAsync(IReadOnlyList<Transaction> newOnes, CancellationToken ct)
    {
        using var running = inFlight.Begin(newOnes.Select(t => t.Id));
        using var busy = load.Begin();
        using var bounded = PostCommitTimeout();
        await pipeline.ProcessTransactionsAsync(newOnes, bounded.Token);
    }

    public async Task OnTransactionsReplayedAsync(IReadOnlyList<Transaction> storedOriginals, CancellationToken ct)
    {
        using var busy = load.Begin();
        using var bounded = PostCommitTimeout();
        await recovery.RecoverOrphansAsync(storedOriginals, bounded.Token);
    }

    public async Task OnStatementsAcceptedAsync(IReadOnlyList<Statement> statements, CancellationToken ct)
    {
        using var busy = load.Begin();
        using var bounded = PostCommitTimeout();
        await pipeline.ProcessStatementsAsync(statements, bounded.Token);
    }

    private CancellationTokenSource PostCommitTimeout() =>
        new(TimeSpan.FromSeconds(options.Value.PostCommitTimeoutSeconds), time);
}
