using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Scoring;

/// <summary>
/// Caches the champion model and notices a newly promoted one without a restart: at most every
/// <see cref="ModelOptions.ChampionCheckSeconds"/> (or on <see cref="RefreshAsync"/>) it lists the registry — model
/// bytes excluded — and compares the champion's id and promotion time with the cached one; only a change loads bytes.
/// A champion that cannot be used (features differ from the engine's, unreadable package) is refused with an error
/// in the log and the previously loaded model stays in service. One provider serves one <see cref="ModelFamily"/>:
/// the behavioural champion by default, the snapshot champion for <see cref="Snapshots.SnapshotChampionProvider"/>.
/// </summary>
public sealed class ChampionModelProvider(
    IModelRegistry registry,
    TimeProvider time,
    IOptions<ModelOptions> options,
    ILogger<ChampionModelProvider> logger,
    ModelFamily family) : IChampionModelProvider, IDisposable
{
    /// <summary>The behavioural champion's provider (the one dependency injection builds).</summary>
    public ChampionModelProvider(IModelRegistry registry, TimeProvider time, IOptions<ModelOptions> options, ILogger<ChampionModelProvider> logger)
        : this(registry, time, options, logger, ModelFamily.Behaviour)
    {
    }

    /// <summary>The family whose champion this provider loads.</summary>
    public ModelFamily Family => family;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Cached? _cached;
    private long _nextCheck = long.MinValue;

    /// <summary>Id of the registry champion the cache last saw, even when it was refused; null before the first check or with no champion.</summary>
    public string? SeenChampionId => _cached?.Marker?.Id;

    public ValueTask<IRiskModel?> GetChampionAsync(CancellationToken ct = default) =>
        _cached is { } cached && time.GetTimestamp() < Interlocked.Read(ref _nextCheck)
            ? ValueTask.FromResult(cached.Model)
            : new ValueTask<IRiskModel?>(CheckAsync(force: false, ct));

    public Task RefreshAsync(CancellationToken ct = default) => CheckAsync(force: true, ct);

    public void Dispose() => _gate.Dispose();

    private async Task<IRiskModel?> CheckAsync(bool force, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!force && _cached is { } fresh && time.GetTimestamp() < Interlocked.Read(ref _nextCheck))
            {
                return fresh.Model; // another caller checked while this one waited
            }

            var versions = await registry.ListAsync(ct).ConfigureAwait(false);
            var champion = versions.FirstOrDefault(v => v.IsChampion && ModelFamilies.Of(v.FeatureNames) == family);
            var marker = champion is null ? null : new Marker(champion.Id, champion.PromotedAt);
            if (_cached is null || _cached.Marker != marker)
            {
                _cached = new Cached(marker, await LoadAsync(marker, ct).ConfigureAwait(false));
            }

            var interval = TimeSpan.FromSeconds(options.Value.ChampionCheckSeconds);
            Interlocked.Exchange(ref _nextCheck, time.GetTimestamp() + (long)(interval.TotalSeconds * time.TimestampFrequency));
            return _cached.Model;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IRiskModel?> LoadAsync(Marker? marker, CancellationToken ct)
    {
        var previous = _cached?.Model;
        if (marker is null)
        {
            if (previous is not null)
            {
                logger.LogWarning("No champion model is registered any more; scoring continues without a model.");
            }

            return null;
        }

        try
        {
            var version = await registry.GetAsync(marker.Id, ct).ConfigureAwait(false)
                ?? throw new ModelIncompatibleException($"Champion model '{marker.Id}' disappeared while loading.");
            var model = ModelPackage.Load(version);
            logger.LogInformation("Champion model {Version} loaded.", model.Version);
            return model;
        }
        catch (ModelIncompatibleException e)
        {
            logger.LogError(e, "Champion model {Version} refused; keeping {Previous}.", marker.Id, previous?.Version ?? "no model");
            return previous;
        }
    }

    private sealed record Marker(string Id, DateTimeOffset? PromotedAt);

    private sealed record Cached(Marker? Marker, IRiskModel? Model);
}
