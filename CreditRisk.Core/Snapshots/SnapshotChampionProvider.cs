using CreditRisk.Core.Persistence;
using CreditRisk.Core.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Snapshots;

/// <summary>The snapshot family's champion, cached and refreshed like the behavioural one (<see cref="ChampionModelProvider"/>).</summary>
public sealed class SnapshotChampionProvider(
    IModelRegistry registry, TimeProvider time, IOptions<ModelOptions> options, ILogger<ChampionModelProvider> logger) : IChampionModelProvider, IDisposable
{
    private readonly ChampionModelProvider _inner = new(registry, time, options, logger, ModelFamily.Snapshot);

    public ValueTask<IRiskModel?> GetChampionAsync(CancellationToken ct = default) => _inner.GetChampionAsync(ct);

    public Task RefreshAsync(CancellationToken ct = default) => _inner.RefreshAsync(ct);

    public void Dispose() => _inner.Dispose();
}
