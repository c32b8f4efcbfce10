using CreditRisk.Core.Persistence;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Tests.Components.Pages.Admin;

/// <summary>
/// A champion provider for pages whose registry holds placeholder bytes: it "loads" the registry's behavioural
/// champion as a model carrying only its id and stored cut-offs, and refuses the ids in <see cref="Unloadable"/>
/// as the real provider refuses a damaged package, keeping the previous model in service.
/// </summary>
internal sealed class RegistryChampionStub(IModelRegistry registry) : IChampionModelProvider
{
    private IRiskModel? _serving;

    public HashSet<string> Unloadable { get; } = new(StringComparer.Ordinal);

    public async ValueTask<IRiskModel?> GetChampionAsync(CancellationToken ct = default)
    {
        await RefreshAsync(ct);
        return _serving;
    }

    public async Task RefreshAsync(CancellationToken ct = default)
    {
        var champion = (await registry.ListAsync(ct)).FirstOrDefault(v => v.IsChampion && ModelFamilies.Of(v.FeatureNames) == ModelFamily.Behaviour);
        if (champion is null)
        {
            _serving = null;
        }
        else if (!Unloadable.Contains(champion.Id))
        {
            _serving = new Placeholder(champion.Id, champion.FeatureNames, champion.Cutoffs?.ToBandCutoffs());
        }
    }

    private sealed record Placeholder(string Version, IReadOnlyList<string> FeatureNames, BandCutoffs? StoredCutoffs) : IRiskModel
    {
        public ModelScore Score(ReadOnlySpan<double?> features) => throw new NotSupportedException("A placeholder model does not score.");
    }
}
