using CreditRisk.Core.Scoring;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>Always the model the replay was asked to use (or none): the registry of the replay's store is empty.</summary>
internal sealed class FixedModelProvider(IRiskModel? model) : IChampionModelProvider
{
    public ValueTask<IRiskModel?> GetChampionAsync(CancellationToken ct = default) => ValueTask.FromResult(model);
}
