using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Tests.Risk;

/// <summary>The pipeline bands the model's probability with the cut-offs in force: pinned, else the champion's, else legacy.</summary>
public sealed class RiskPipelineCutoffsTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;
    private int _sequence;

    public async Task InitializeAsync()
    {
        _h = await PipelineHarness.CreateAsync();
        await _h.AddCustomersAsync("c1");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Assess_ChampionWithStoredCutoffs_BandsWithThem()
    {
        // 0.4 is High under the legacy 0.30 but only Medium under the champion's own 0.5.
        _h.Model = new FixedModel(0.4, new BandCutoffs(0.05, 0.5));

        var assessment = await AssessAsync();

        Assert.Equal(RiskBand.Medium, assessment.ModelBand);
    }

    [Fact]
    public async Task Assess_ChampionWithoutStoredCutoffs_LegacyDefaults()
    {
        _h.Model = new FixedModel(0.31, stored: null);

        Assert.Equal(RiskBand.High, (await AssessAsync()).ModelBand);
    }

    [Fact]
    public async Task Assess_PinnedByConfiguration_WinsOverTheChampions()
    {
        _h.Model = new FixedModel(0.4, new BandCutoffs(0.05, 0.5));
        _h.Banding.MediumFrom = 0.6;
        _h.Banding.HighFrom = 0.8;

        Assert.Equal(RiskBand.Low, (await AssessAsync()).ModelBand);
    }

    private async Task<RiskAssessment> AssessAsync() => Assert.Single(await _h.Pipeline.ProcessTransactionsAsync([new Transaction
    {
        Id = $"cut-{++_sequence}",
        CustomerId = "c1",
        Timestamp = PipelineHarness.Start.AddDays(-1),
        Amount = 100m,
        Type = TransactionType.Purchase,
        MerchantCategory = "5411",
    }]));

    private sealed class FixedModel(double probability, BandCutoffs? stored) : IRiskModel
    {
        public string Version => "m-cut";

        public IReadOnlyList<string> FeatureNames => Core.Features.FeatureNames.Ordered;

        public BandCutoffs? StoredCutoffs => stored;

        public ModelScore Score(ReadOnlySpan<double?> features) => new(probability, probability, probability, []);
    }
}
