using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Portfolio;

public sealed class ScoreHistogramReaderTests : IAsyncLifetime
{
    private TemporaryStore _store = default!;

    public async Task InitializeAsync() => _store = await TemporaryStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    /// <summary>One customer a (score, band), each with its current-risk row.</summary>
    private async Task ScoreAsync(params (double Score, RiskBand Band)[] customers)
    {
        var ids = customers.Select((_, i) => $"c{i:D4}").ToList();
        await _store.Store.Customers.UpsertManyAsync([.. ids.Select(id => A.Customer(id, "+9198" + id[1..].PadLeft(8, '0')))]);
        await _store.Store.Assessments.AddManyAsync([.. customers.Select((c, i) => A.Assessment($"a{i}", ids[i], band: c.Band, probability: c.Score))]);
    }

    [Fact]
    public async Task ReadAsync_ScoresBelowFifteenPercent_RangeEndsAtTwentyPercentWithEachBandCountedInItsBin()
    {
        await ScoreAsync((0.004, RiskBand.Low), (0.015, RiskBand.Low), (0.015, RiskBand.High), (0.082, RiskBand.Medium), (0.095, RiskBand.High), (0.149, RiskBand.High));

        var histogram = await ScoreHistogramReader.ReadAsync(_store.Store.Assessments, bins: 20, showAtLeast: 0.1075);

        Assert.Equal(0.2, histogram.Top);
        Assert.True(histogram.LastBinOpen);
        Assert.Equal(20, histogram.Bins.Count);
        Assert.Equal((0.01, 0.02), (histogram.Bins[1].From, histogram.Bins[1].To), new ToleranceComparer());
        Assert.Equal((1L, 0L, 0L), Counts(histogram.Bins[0]));
        Assert.Equal((1L, 0L, 1L), Counts(histogram.Bins[1])); // a customer at a low score can be High (a hard fact, a rule)
        Assert.Equal((0L, 1L, 0L), Counts(histogram.Bins[8]));
        Assert.Equal((0L, 0L, 1L), Counts(histogram.Bins[9]));
        Assert.Equal((0L, 0L, 1L), Counts(histogram.Bins[14]));
        Assert.Equal(6, histogram.Bins.Sum(b => b.Count));
    }

    [Fact]
    public async Task ReadAsync_MoreThanOnePercentAboveARoundTop_TakesTheNextTopAndTheLastBinKeepsWhatLiesAboveIt()
    {
        // 2 of 150 customers (1.3%) above 5%, 10% and 20%: the range goes to 50%, where none lies above; with 1 of 150
        // (0.7%) above 5% it stays at 5% and that customer is drawn in the last bin.
        var scores = Enumerable.Repeat((0.03, RiskBand.Low), 148).Append((0.3, RiskBand.High)).Append((0.48, RiskBand.High)).ToArray();
        await ScoreAsync(scores);

        var wide = await ScoreHistogramReader.ReadAsync(_store.Store.Assessments, bins: 10, showAtLeast: 0);
        Assert.Equal(0.5, wide.Top);
        Assert.Equal(1, wide.Bins[^1].High);

        await _store.Store.Assessments.AddManyAsync([A.Assessment("a-down", "c0149", A.Now.AddMinutes(1), RiskBand.Low, 0.03)]);
        var narrow = await ScoreHistogramReader.ReadAsync(_store.Store.Assessments, bins: 10, showAtLeast: 0);
        Assert.Equal(0.05, narrow.Top);
        Assert.Equal((0L, 0L, 1L), Counts(narrow.Bins[^1])); // 30%, above the top, in the open last bin
        Assert.Equal(150, narrow.Bins.Sum(b => b.Count));
    }

    [Fact]
    public async Task ReadAsync_HighCutoffAboveTheScores_RangeReachesIt()
    {
        await ScoreAsync((0.01, RiskBand.Low), (0.03, RiskBand.Low));

        Assert.Equal(0.5, (await ScoreHistogramReader.ReadAsync(_store.Store.Assessments, bins: 20, showAtLeast: ScoreScale.CutoffHeadroom * 0.30)).Top);
        Assert.Equal(0.05, (await ScoreHistogramReader.ReadAsync(_store.Store.Assessments, bins: 20, showAtLeast: 0)).Top);
    }

    [Fact]
    public async Task ReadAsync_ScoresUpToOne_RangeIsZeroToOneAndNotOpen()
    {
        await ScoreAsync((0.2, RiskBand.Low), (0.97, RiskBand.High), (1.0, RiskBand.High));

        var histogram = await ScoreHistogramReader.ReadAsync(_store.Store.Assessments, bins: 20, showAtLeast: 0);

        Assert.Equal(1, histogram.Top);
        Assert.False(histogram.LastBinOpen);
        Assert.Equal(2, histogram.Bins[^1].High);
    }

    [Fact]
    public async Task ReadAsync_NoScoredCustomers_IsEmpty()
    {
        Assert.Same(ScoreHistogram.Empty, await ScoreHistogramReader.ReadAsync(_store.Store.Assessments, bins: 20, showAtLeast: 0.1));
    }

    private static (long Low, long Medium, long High) Counts(ScoreBin bin) => (bin.Low, bin.Medium, bin.High);

    private sealed class ToleranceComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) < 1e-12 && Math.Abs(x.Item2 - y.Item2) < 1e-12;

        public int GetHashCode((double, double) obj) => 0;
    }
}
