using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Components.Pages.Admin;

/// <summary>The drill-down's score history draws the cut-offs in force: the champion's own when nothing is pinned.</summary>
public sealed class CustomerDetailsCutoffsTests
{
    [Fact]
    public async Task GetAsync_ChampionWithStoredCutoffs_TheScoreHistoryUsesThem()
    {
        await using var h = await ConsoleHarness.CreateAsync(services =>
            services.AddSingleton<IChampionModelProvider>(new Champion(new BandCutoffs(0.06, 0.17))));
        await h.Store.Customers.UpsertManyAsync([A.Customer()]);

        var details = await h.Get<CustomerDetailsService>().GetAsync("cust-1");

        Assert.Equal((0.06, 0.17), (details!.MediumFrom, details.HighFrom));
    }

    private sealed class Champion(BandCutoffs cutoffs) : IChampionModelProvider
    {
        public ValueTask<IRiskModel?> GetChampionAsync(CancellationToken ct = default) => ValueTask.FromResult<IRiskModel?>(new Model(cutoffs));
    }

    private sealed class Model(BandCutoffs cutoffs) : IRiskModel
    {
        public string Version => "v-cut";

        public IReadOnlyList<string> FeatureNames => Core.Features.FeatureNames.Ordered;

        public BandCutoffs? StoredCutoffs => cutoffs;

        public ModelScore Score(ReadOnlySpan<double?> features) => throw new NotSupportedException();
    }
}
