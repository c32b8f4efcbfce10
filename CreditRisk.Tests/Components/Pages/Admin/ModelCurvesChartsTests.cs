using System.Text.Json;
using Bunit;
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

    [Fact]
    public void Render_Curves_DrawsRocWithDiagonalAndFilledCalibrationBinsWithIdealLine()
    {
        _context.Render<ModelCurvesCharts>(p => p.Add(c => c.Curves, A.ModelCurves()).Add(c => c.VersionId, "v2"));

        var created = _module.Invocations["create"].Select(i => JsonDocument.Parse((string)i.Arguments[2]!).RootElement).ToList();
        Assert.Equal(2, created.Count);
        var roc = created[0].GetProperty("series");
        Assert.Equal(4, roc[0].GetProperty("data").GetArrayLength());
        Assert.Equal(0.875, roc[0].GetProperty("data")[2][1].GetDouble());
        Assert.Equal("[[0,0],[1,1]]", roc[1].GetProperty("data").GetRawText());
        var calibration = created[1].GetProperty("series");
        Assert.Equal("[[0.04,0.05],[0.26,0.3]]", calibration[0].GetProperty("data").GetRawText());
        Assert.Equal("[[0,0],[1,1]]", calibration[1].GetProperty("data").GetRawText());
    }

    [Fact]
    public void Render_NoCurves_ShowsEmptyStateWithoutCharts()
    {
        var cut = _context.Render<ModelCurvesCharts>(p => p.Add(c => c.Curves, null).Add(c => c.VersionId, "v1"));

        Assert.NotNull(cut.Find("#model-curves-empty"));
        Assert.Empty(_module.Invocations["create"]);
    }
}
