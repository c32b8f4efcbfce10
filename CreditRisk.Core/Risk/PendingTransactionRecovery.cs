using CreditRisk.Core.Persistence;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Finds the customers with transactions stored but never applied by the pipeline (a crash or a failed run between
/// the two) and recovers them with <see cref="RiskPipeline.RecoverAsync"/>.
/// </summary>
public sealed class PendingTransactionRecovery(
    ICreditRiskStore store,
    RiskPipeline pipeline,
    IOptions<RiskPipelineOptions> options,
    TimeProvider time,
    ILogger<PendingTransactionRecovery> logger)
{
    /// <summary>Customers recovered per pipeline call.</summary>
    public const int PageSize = 256;

    /// <summary>
    /// Created with the host (the start-up pass needs it), so this is when the process started: what it stored
    /// itself after this is being applied by the request that stored it, or was left to the sweep by a failed run.
    /// </summary>
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    /// <summary>
    /// For re-sent transactions found stored: recovers the customers of those still pending that a previous process
    /// left behind (received before this one started, and longer ago than
    /// <see cref="RiskPipelineOptions.RecoveryGraceSeconds"/>). Pending ones this process stored are normally still
    /// being applied by their own request; rebuilding their customers for every impatient retry would multiply the
    /// load exactly when the server is slow. Returns the number of customers recovered.
    /// </summary>
    public async Task<int> RecoverOrphansAsync(IReadOnlyCollection<Transaction> storedOriginals, CancellationToken ct = default)
    {
        var orphanedBefore = time.GetUtcNow().AddSeconds(-options.Value.RecoveryGraceSeconds);
        var customers = storedOriginals
            .Where(t => t.AppliedAt is null && t.ReceivedAt < _startedAt && t.ReceivedAt <= orphanedBefore)
            .Select(t => t.CustomerId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (customers.Count == 0)
        {
            return 0;
        }

        logger.LogWarning("Re-sent transactions of {Count} customers were stored but never applied; rebuilding their profiles", customers.Count);
        await pipeline.RecoverAsync(customers, ct);
        return customers.Count;
    }

    /// <summary>
    /// Recovers every customer having a pending transaction received before <paramref name="receivedBefore"/>, a page
    /// of customers at a time.
    /// A page that fails is logged and skipped (its transactions stay pending for the next run). Returns the
    /// number of customers recovered.
    /// </summary>
    public async Task<int> RecoverAsync(DateTimeOffset receivedBefore, CancellationToken ct = default)
    {
        var recovered = 0;
        string? after = null;
        while (true)
        {
            var ids = await store.Transactions.ListPendingCustomerIdsAsync(receivedBefore, after, PageSize, ct);
            if (ids.Count == 0)
            {
                break;
            }

            try
            {
                await pipeline.RecoverAsync(ids, ct);
                recovered += ids.Count;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Recovering {Count} customers from {First} to {Last} failed; they stay pending", ids.Count, ids[0], ids[^1]);
            }

            after = ids[^1];
        }

        if (recovered > 0)
        {
            logger.LogWarning("Recovered {Count} customers whose transactions were stored but not applied", recovered);
        }

        return recovered;
    }
}
