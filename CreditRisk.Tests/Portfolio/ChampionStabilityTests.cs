using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Scoring;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Portfolio;

/// <summary>The dashboard's PSI reads the champion's own scores, not those of customers another model or the rules scored.</summary>
public sealed class ChampionStabilityTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public async Task BuildAsync_CustomersScoredByRulesAloneOrAnotherModel_LeftOutOfThePsi()
    {
        await using var temp = await TemporaryStore.CreateAsync(services =>
            services.AddSingleton<IChampionModelProvider>(new FixedModelProvider(fixture.Model)));
        var championScores = fixture.TestRows.Take(600).Select(row => fixture.Model.Probabilities(row).Ensemble).ToList();
        var assessments = championScores.Select((score, i) => Assessment($"c{i}", score, fixture.Model.Version)).ToList();

        // As many again that the champion did not score, all high: rules alone, and the snapshot model.
        assessments.AddRange(Enumerable.Range(0, 300).Select(i => Assessment($"rules{i}", 0.97, modelVersion: null)));
        assessments.AddRange(Enumerable.Range(0, 300).Select(i => Assessment($"snapshot{i}", 0.91, "snapshot-v1")));
        await temp.Store.Assessments.AddManyAsync(assessments);

        var champion = Assert.IsType<ChampionSummary>((await temp.Services.GetRequiredService<PortfolioSnapshotBuilder>().BuildAsync()).Champion);

        var expected = PopulationStability.Compare(fixture.Model.TrainingScores, championScores);
        Assert.Equal(600, champion.ScoredCustomers);
        Assert.Equal(expected.Value, champion.Psi!.Value, 9);
        Assert.Equal("stable", champion.PsiReading);
    }

    [Fact]
    public async Task BuildAsync_NoCustomerScoredByTheChampionYet_PsiNotAvailable()
    {
        await using var temp = await TemporaryStore.CreateAsync(services =>
            services.AddSingleton<IChampionModelProvider>(new FixedModelProvider(fixture.Model)));
        await temp.Store.Assessments.AddManyAsync([Assessment("c1", 0.2, "previous-champion"), Assessment("c2", 0.6, modelVersion: null)]);

        var champion = Assert.IsType<ChampionSummary>((await temp.Services.GetRequiredService<PortfolioSnapshotBuilder>().BuildAsync()).Champion);

        Assert.Equal((0L, null, null), (champion.ScoredCustomers, champion.Psi, champion.PsiReading));
    }

    private static RiskAssessment Assessment(string customerId, double score, string? modelVersion) =>
        A.Assessment($"ra-{customerId}", customerId, band: RiskBand.Low, probability: score) with { ModelVersion = modelVersion };
}
