using CreditRisk.Core.Persistence;
using CreditRisk.Core.Snapshots;

namespace CreditRisk.Core.Scoring;

/// <summary>
/// Makes a registered version the champion of its <see cref="ModelFamily"/> after checking it can be loaded, then tells
/// the providers at once.
/// </summary>
public sealed class ModelPromotionService(
    IModelRegistry registry, IChampionModelProvider provider, TimeProvider time, SnapshotChampionProvider? snapshotProvider = null)
{
    /// <summary>Promotes <paramref name="versionId"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    /// <exception cref="ModelIncompatibleException">The version cannot be scored with the current feature engine.</exception>
    public async Task PromoteAsync(string versionId, CancellationToken ct = default)
    {
        var version = await registry.GetAsync(versionId, ct).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Model version '{versionId}' is not in the registry.");
        _ = ModelPackage.Load(version);
        if (!await registry.PromoteAsync(versionId, time.GetUtcNow(), ct).ConfigureAwait(false))
        {
            throw new KeyNotFoundException($"Model version '{versionId}' is not in the registry.");
        }

        await provider.RefreshAsync(ct).ConfigureAwait(false);
        if (snapshotProvider is not null)
        {
            await snapshotProvider.RefreshAsync(ct).ConfigureAwait(false);
        }
    }
}
