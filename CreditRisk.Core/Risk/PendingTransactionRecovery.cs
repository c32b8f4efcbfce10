using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Finds the customers with transactions stored but never applied by the pipeline (a crash or a failed run between
/// the two) and recovers them with <see cref="RiskPipeline.RecoverAsync"/>, a page of customers at a time.
/// </summary>
public sealed class PendingTransactionRecovery(ICreditRiskStore store, RiskPipeline pipeline, ILogger<PendingTransactionRecovery> logger)
{
    /// <summary>Customers recovered per pipeline call.</summary>
    public const int PageSize = 256;

    /// <summary>
    /// Recovers every customer having a pending transaction received before <paramref name="receivedBefore"/>.
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
