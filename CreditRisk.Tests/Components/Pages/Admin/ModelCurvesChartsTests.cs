using System.Text.Json;
using Bunit;
using CreditRisk.Core.Scoring;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Components.Pages.Admin.Models;
using Microsoft.AspNetCore.Components;

namespace CreditRisk.Tests.Components.Pages.Admin;

public sealed class ModelCurvesChartsTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly BunitJSModuleInterop _module;

    public ModelCurvesChartsTests()
    {
        _module = _context.JSInterop.SetupModule("./Components/Shared/ApexChart.razor.js");
        _module.Mode = JSRuntimeMode.Loose;
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static readonly Dictionary<string, Dictionary<string, double>> Metrics = new()
    {
        [ModelNames.Logistic] = new() { ["auc"] = 0.812 },
        [ModelNames.Tree] = new() { ["auc"] = 0.794 },
        [ModelNames.Ensemble] = new() { ["auc"] = 0.8366 },
        [ModelNames.Challenger] = new() { ["auc"] = 0.801 },
    };

    private List<JsonElement> Created() =>
        _module.Invocations["create"].Select(i => JsonDocument.Parse((string)i.Arguments[2]!).RootElement).ToList();

    [Fact]
    public void Render_CurvesOfEachModel_DrawsOneRocSeriesPerModelWithItsAucEnsembleOnTopPlusTheDiagonal()
    {
        _context.Render<ModelCurvesCharts>(p => p
            .Add(c => c.Curves, A.CurvesByModel()).Add(c => c.Metrics, Metrics).Add(c => c.VersionId, "v2"));

        var roc = Created()[0];
        var series = roc.GetProperty("series");
        Assert.Equal(
            ["Logistic (AUC 0.812)", "Tree (AUC 0.794)", "Challenger (AUC 0.801)", "Ensemble (AUC 0.837)", "Random"],
            series.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(0.875, series[3].GetProperty("data")[2][1].GetDouble());
        // Each model's own points, not the ensemble's under every name.
        Assert.Equal(Math.Round(0.875 * 0.9, 4), series[0].GetProperty("data")[2][1].GetDouble());
        Assert.Equal(2, series[2].GetProperty("data").GetArrayLength());
        Assert.Equal("[[0,0],[1,1]]", series[4].GetProperty("data").GetRawText());
        Assert.Equal(5, roc.GetProperty("colors").GetArrayLength());
        Assert.Equal("[2,2,2,3,1]", roc.GetProperty("stroke").GetProperty("width").GetRawText());
        Assert.False(roc.GetProperty("chart").GetProperty("animations").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public void Render_CurvesOfEachModel_DrawsOneCalibrationSeriesPerModelOfItsFilledBinsPlusTheIdealLine()
    {
        var cut = _context.Render<ModelCurvesCharts>(p => p
            .Add(c => c.Curves, A.CurvesByModel()).Add(c => c.Metrics, Metrics).Add(c => c.VersionId, "v2"));

        var created = Created();
        Assert.Equal(2, created.Count);
        var series = created[1].GetProperty("series");
        Assert.Equal(
            ["Logistic", "Tree", "Challenger", "Ensemble", "Ideal"],
            series.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        // Two of the three bins hold cases; the empty one is not plotted.
        Assert.Equal("[[0.04,0.05],[0.26,0.3]]", series[3].GetProperty("data").GetRawText());
        Assert.Equal("[[0.04,0.025],[0.26,0.15]]", series[1].GetProperty("data").GetRawText());
        Assert.Equal("[[0,0],[1,1]]", series[4].GetProperty("data").GetRawText());
        Assert.Contains("Tree (AUC 0.794), 4 points", cut.Find("[data-testid=model-roc-chart]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Render_EnsembleCurvesOnlyWithoutMetrics_DrawsOneModelWithoutAuc()
    {
        var old = A.ModelVersion("v1") with { Curves = A.ModelCurves(), Metrics = [] };

        _context.Render<ModelCurvesCharts>(p => p.Add(c => c.Curves, old.CurvesOfEachModel()).Add(c => c.VersionId, "v1"));

        var roc = Created()[0].GetProperty("series");
        Assert.Equal(["Ensemble", "Random"], roc.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public void Render_NoCurves_ShowsEmptyStateWithoutCharts()
    {
        var cut = _context.Render<ModelCurvesCharts>(p => p.Add(c => c.Curves, new Dictionary<string, ModelCurves>()).Add(c => c.VersionId, "v1"));

        Assert.NotNull(cut.Find("#model-curves-empty"));
        Assert.Empty(_module.Invocations["create"]);
    }
}
