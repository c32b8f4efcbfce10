namespace CreditRisk.Core.Scoring;

/// <summary>
/// Fallback provider, registered only when no registry-backed provider is: never a model, so the expert rules alone
/// decide.
/// </summary>
public sealed class NoChampionModelProvider : IChampionModelProvider
{
    public ValueTask<IRiskModel?> GetChampionAsync(CancellationToken ct = default) => ValueTask.FromResult<IRiskModel?>(null);

    public Task RefreshAsync(CancellationToken ct = default) => Task.CompletedTask;
}
