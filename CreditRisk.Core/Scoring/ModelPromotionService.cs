using CreditRisk.Core.Persistence;
using CreditRisk.Core.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreditRisk.Core.Scoring;

/// <summary>
/// Makes a registered version the champion of its <see cref="ModelFamily"/> after checking it can be loaded, then tells
/// the providers at once.
/// </summary>
public sealed class ModelPromotionService(
    IModelRegistry registry,
    IChampionModelProvider provider,
    TimeProvider time,
    SnapshotChampionProvider? snapshotProvider = null,
    ILogger<ModelPromotionService>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<ModelPromotionService>.Instance;

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

        // The promotion is stored from here on. A refresh that fails (the registry unreadable for a moment) must not
        // report it as not done: the caller would skip its audit entry for a champion that is in force. The providers
        // pick it up at their next periodic check instead.
        await RefreshAsync(provider, versionId, ct).ConfigureAwait(false);
        if (snapshotProvider is not null)
        {
            await RefreshAsync(snapshotProvider, versionId, ct).ConfigureAwait(false);
        }
    }

    private async Task RefreshAsync(IChampionModelProvider champion, string versionId, CancellationToken ct)
    {
        try
        {
            await champion.RefreshAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Model {Version} is promoted, but refreshing the champion provider failed; it takes over at the provider's next check", versionId);
        }
    }
}
