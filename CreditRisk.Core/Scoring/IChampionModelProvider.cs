namespace CreditRisk.Core.Scoring;

/// <summary>Supplies the current champion model, or null when none is registered (then the rules alone decide).</summary>
public interface IChampionModelProvider
{
    /// <summary>The champion, cheap to call per batch (implementations cache the loaded model).</summary>
    ValueTask<IRiskModel?> GetChampionAsync(CancellationToken ct = default);
}

/// <summary>The provider used until the model registry supplies one: never a model.</summary>
public sealed class NoChampionModelProvider : IChampionModelProvider
{
    public ValueTask<IRiskModel?> GetChampionAsync(CancellationToken ct = default) => ValueTask.FromResult<IRiskModel?>(null);
}
