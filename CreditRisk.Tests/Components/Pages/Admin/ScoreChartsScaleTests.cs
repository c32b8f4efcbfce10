using System.Text.Json;
using Bunit;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Components.Pages.Admin.Customers;
using CreditRisk.Web.Components.Pages.Admin.Portfolio;

namespace CreditRisk.Tests.Components.Pages.Admin;

/// <summary>The portfolio histogram and a customer's score history are drawn on an axis fitted to the scores and the cut-offs.</summary>
public sealed class ScoreChartsScaleTests : IAsyncLifetime
{
    private static readonly EffectiveCutoffs Cutoffs = new(new BandCutoffs(0.082, 0.086), CutoffOrigin.Model);
    private ConsoleHarness _h = default!;
    private BunitJSModuleInterop _charts = default!;

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync();
        _charts = _h.SetupChartModule();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private JsonElement Created() => ConsoleHarness.CreatedChartOptions(_charts);

    [Fact]
    public void ScoreHistogram_TwentyBinsToTwentyPercent_StacksTheBandsUnderPercentLabelsAndNamesTheCutoffs()
    {
        var bins = Enumerable.Range(0, 20).Select(i => new ScoreBin(0.01 * i, 0.01 * (i + 1), Low: 10 - i / 2, Medium: i == 8 ? 3 : 0, High: i >= 8 ? 1 : 0)).ToList();

        var cut = _h.Render<ScoreHistogramCard>(p => p.Add(c => c.Histogram, new ScoreHistogram(0.2, bins)).Add(c => c.Cutoffs, Cutoffs));

        var options = Created();
        Assert.True(options.GetProperty("chart").GetProperty("stacked").GetBoolean());
        var categories = options.GetProperty("xaxis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(["0–1%", "1–2%"], categories.Take(2));
        Assert.Equal("> 19%", categories[^1]); // the last bin also holds every score above the top
        var series = options.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["Low", "Medium", "High"], series.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(3, series[1].GetProperty("data")[8].GetInt64());
        Assert.Equal([BandColors.Of(RiskBand.Low), BandColors.Of(RiskBand.Medium), BandColors.Of(RiskBand.High)],
            options.GetProperty("colors").EnumerateArray().Select(c => c.GetString()));
        var phone = options.GetProperty("responsive")[0];
        Assert.Equal(600, phone.GetProperty("breakpoint").GetInt32());
        var phoneLabels = phone.GetProperty("options").GetProperty("xaxis").GetProperty("labels");
        Assert.Equal((5, 0), (phoneLabels.GetProperty("everyNth").GetInt32(), phoneLabels.GetProperty("rotate").GetInt32()));
        Assert.Contains("Medium from 8.2%, High from 8.6%", cut.Markup);
        Assert.Contains("from 0 to 20%: 0–1% 10,", cut.Find("[data-testid=chart-histogram]").GetAttribute("aria-label"));
    }

    [Fact]
    public void ScoreHistogram_QuarterPercentBins_LabelsEveryEdgeExactly()
    {
        var bins = Enumerable.Range(0, 20).Select(i => new ScoreBin(0.0025 * i, 0.0025 * (i + 1), 1, 0, 0)).ToList();

        _h.Render<ScoreHistogramCard>(p => p.Add(c => c.Histogram, new ScoreHistogram(0.05, bins)).Add(c => c.Cutoffs, Cutoffs));

        var categories = Created().GetProperty("xaxis").GetProperty("categories");
        Assert.Equal("0.25–0.50%", categories[1].GetString());
        Assert.Equal("> 4.75%", categories[19].GetString());
    }

    [Fact]
    public void ScoreHistory_ScoresOfSevenToNinePercent_AxisEndsAtTenPercentWithTheCutoffLabelsAtOppositeEnds()
    {
        List<RiskAssessment> history = [.. new[] { 0.075, 0.079, 0.089 }.Select((p, i) => A.Assessment($"ra-{i}", at: A.Now.AddDays(i), probability: p))];

        _h.Render<ScoreHistory>(p => p.Add(c => c.History, history).Add(c => c.MediumFrom, 0.082).Add(c => c.HighFrom, 0.086));

        var options = Created();
        var yaxis = options.GetProperty("yaxis");
        Assert.Equal(0.1, yaxis.GetProperty("max").GetDouble());
        Assert.Equal(5, yaxis.GetProperty("tickAmount").GetInt32());
        Assert.Equal(0, yaxis.GetProperty("labels").GetProperty("percentDecimals").GetInt32());
        var labels = options.GetProperty("annotations").GetProperty("yaxis").EnumerateArray().Select(a => a.GetProperty("label")).ToList();
        Assert.Equal(["Medium 8.2%", "High 8.6%"], labels.Select(l => l.GetProperty("text").GetString()));
        Assert.Equal(["left", "right"], labels.Select(l => l.GetProperty("position").GetString()));
    }

    [Fact]
    public void ScoreHistory_ScoreAboveHalf_AxisRunsToOne()
    {
        List<RiskAssessment> history = [A.Assessment("ra-1", probability: 0.04), A.Assessment("ra-2", at: A.Now.AddDays(1), probability: 0.87)];

        _h.Render<ScoreHistory>(p => p.Add(c => c.History, history).Add(c => c.MediumFrom, 0.1).Add(c => c.HighFrom, 0.3));

        Assert.Equal(1, Created().GetProperty("yaxis").GetProperty("max").GetDouble());
    }

    [Fact]
    public void ScoreHistory_RulesOnlyBeforeAModel_ChartPlotsTheModelScoresAndTheTableSaysRulesOnly()
    {
        // A rules-only High's stored stand-in is 0.9: plotted or listed as "90.0%" it read as a model estimate.
        List<RiskAssessment> history = [A.Assessment("ra-1", probability: null), A.Assessment("ra-2", at: A.Now.AddDays(1), probability: 0.087)];

        var cut = _h.Render<ScoreHistory>(p => p.Add(c => c.History, history).Add(c => c.MediumFrom, 0.05).Add(c => c.HighFrom, 0.08));

        var options = Created();
        var points = options.GetProperty("series")[0].GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(0.087, Assert.Single(points)[1].GetDouble());
        Assert.Equal(0.1, options.GetProperty("yaxis").GetProperty("max").GetDouble());
        var scores = cut.FindAll("#score-history tbody tr").Select(r => r.Children[2].TextContent.Trim()).ToList();
        Assert.Equal(["8.7%", ScoreText.RulesOnly], scores);
        Assert.DoesNotContain("90.0%", cut.Markup);
    }

    [Fact]
    public void ScoreHistory_NoModelEverScored_SaysSoInsteadOfAChart()
    {
        List<RiskAssessment> history = [A.Assessment("ra-1", probability: null), A.Assessment("ra-2", at: A.Now.AddDays(1), band: RiskBand.Medium, probability: null)];

        var cut = _h.Render<ScoreHistory>(p => p.Add(c => c.History, history).Add(c => c.MediumFrom, 0.05).Add(c => c.HighFrom, 0.08));

        Assert.Empty(cut.FindAll("[data-testid=score-history-chart]"));
        Assert.Contains("No model has scored this customer", cut.Find("#score-history-rules-only").TextContent);
        Assert.All(cut.FindAll("#score-history tbody tr"), r => Assert.Equal(ScoreText.RulesOnly, r.Children[2].TextContent.Trim()));
    }
}
