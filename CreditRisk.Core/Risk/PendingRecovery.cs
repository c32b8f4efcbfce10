using CreditRisk.Core.Persistence;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Finds the customers with transactions or statements stored but never applied by the pipeline (a crash or a failed
/// run between the two) and recovers them with <see cref="RiskPipeline.RecoverAsync"/>.
/// </summary>
public sealed class PendingRecovery(
    ICreditRiskStore store,
    RiskPipeline pipeline,
    TransactionsInFlight inFlight,
    IOptions<RiskPipelineOptions> options,
    TimeProvider time,
    ILogger<PendingRecovery> logger)
{
    /// <summary>Customers recovered per pipeline call.</summary>
    public const int PageSize = 256;

    /// <summary>
    /// For re-sent transactions found stored: makes sure those still pending are applied before the replay answers.
    /// Those a run of this process is applying (the client gave up on that request and retried) are waited for: that
    /// run applies them incrementally, far cheaper than a rebuild for every impatient retry. The customers of those
    /// still pending afterwards — left by a previous process, or by a run here that failed or timed out — are
    /// recovered, unless they were received less than <see cref="RiskPipelineOptions.RecoveryGraceSeconds"/> ago
    /// (another instance sharing the store may still be applying them). Returns the number of customers recovered.
    /// </summary>
    public async Task<int> RecoverOrphansAsync(IReadOnlyCollection<Transaction> storedOriginals, CancellationToken ct = default)
    {
        var pendingIds = storedOriginals.Where(t => t.AppliedAt is null).Select(t => t.Id).ToList();
        if (pendingIds.Count == 0)
        {
            return 0;
        }

        await inFlight.WaitForAsync(pendingIds, ct);
        var current = await store.Transactions.GetManyAsync(pendingIds, ct);
        var orphanedBefore = time.GetUtcNow().AddSeconds(-options.Value.RecoveryGraceSeconds);
        var customers = current.Values
            .Where(t => t.AppliedAt is null && t.ReceivedAt <= orphanedBefore)
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
    /// Recovers every customer having a pending transaction or statement received before
    /// <paramref name="receivedBefore"/>, a page of customers at a time (transactions first; a customer rebuilt for
    /// those has their statements marked too, so is not rebuilt twice). A page that fails is logged and skipped (its
    /// items stay pending for the next run). Returns the number of customers recovered.
    /// </summary>
    public async Task<int> RecoverAsync(DateTimeOffset receivedBefore, CancellationToken ct = default)
    {
        var recovered = await RecoverPagesAsync(
            (after, token) => store.Transactions.ListPendingCustomerIdsAsync(receivedBefore, after, PageSize, token), ct);
        recovered += await RecoverPagesAsync(
            (after, token) => store.Statements.ListPendingCustomerIdsAsync(receivedBefore, after, PageSize, token), ct);
        if (recovered > 0)
        {
            logger.LogWarning("Recovered {Count} customers whose transactions or statements were stored but not applied", recovered);
        }

        return recovered;
    }

    private async Task<int> RecoverPagesAsync(
        Func<string?, CancellationToken, Task<IReadOnlyList<string>>> pendingCustomersAfter, CancellationToken ct)
    {
        var recovered = 0;
        string? after = null;
        while (true)
        {
            var ids = await pendingCustomersAfter(after, ct);
            if (ids.Count == 0)
            {
                return recovered;
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
    }
}
