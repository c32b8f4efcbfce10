using System.Text.Json;
using Bunit;
using CreditRisk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CreditRisk.Tests.Components.Shared;

public sealed class ApexChartTests : IAsyncLifetime
{
    private const string ModulePath = "./Components/Shared/ApexChart.razor.js";
    private readonly BunitContext _context = new();
    private readonly BunitJSModuleInterop _module;

    public ApexChartTests()
    {
        _module = _context.JSInterop.SetupModule(ModulePath);
        _module.Mode = JSRuntimeMode.Loose;
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static object BarOptions(string title) => new { chart = new { type = "bar" }, title = new { text = title }, legend = (object?)null };

    private IRenderedComponent<ApexChart> RenderChart(object options, object? series = null, bool dark = false) =>
        _context.Render<ApexChart>(p => p
            .Add(c => c.Options, options)
            .Add(c => c.Series, series)
            .Add(c => c.AriaLabel, "Customers per band")
            .Add(c => c.DarkMode, dark));

    private static JsonElement JsonArgument(JSRuntimeInvocation invocation, int index) =>
        JsonDocument.Parse((string)invocation.Arguments[index]!).RootElement;

    [Fact]
    public void Render_FirstTime_CreatesTheChartWithMergedOptionsAndAnAccessibleLabel()
    {
        var cut = RenderChart(BarOptions("Bands"), new[] { new { name = "Customers", data = new[] { 1, 2, 3 } } });

        var create = Assert.Single(_module.Invocations["create"]);
        Assert.Equal("lib/apexcharts/apexcharts.min.js", create.Arguments[1]);
        var options = JsonArgument(create, 2);
        Assert.Equal("bar", options.GetProperty("chart").GetProperty("type").GetString());
        Assert.Equal(300, options.GetProperty("chart").GetProperty("height").GetInt32());
        Assert.Equal("light", options.GetProperty("theme").GetProperty("mode").GetString());
        Assert.Equal(3, options.GetProperty("series")[0].GetProperty("data").GetArrayLength());
        Assert.False(options.TryGetProperty("legend", out _), "nulls must not reach ApexCharts");
        Assert.Equal("Customers per band", cut.Find("div[role=img]").GetAttribute("aria-label"));
    }

    [Fact]
    public void SetParameters_OnlySeriesChanged_PushesUpdateSeriesNotOptions()
    {
        var options = BarOptions("Bands");
        var cut = RenderChart(options, new[] { new { data = new[] { 1 } } });

        cut.Render(p => p.Add(c => c.Series, new[] { new { data = new[] { 1, 5 } } }));

        var update = Assert.Single(_module.Invocations["updateSeries"]);
        Assert.Equal(2, JsonArgument(update, 1)[0].GetProperty("data").GetArrayLength());
        Assert.Empty(_module.Invocations["updateOptions"]);
    }

    [Fact]
    public void SetParameters_OptionsChanged_PushesUpdateOptions()
    {
        var cut = RenderChart(BarOptions("Bands"));

        cut.Render(p => p.Add(c => c.Options, BarOptions("Bands today")));

        var update = Assert.Single(_module.Invocations["updateOptions"]);
        Assert.Equal("Bands today", JsonArgument(update, 1).GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Render_DarkModeCascaded_CreatesTheChartInDarkMode()
    {
        RenderChart(BarOptions("Bands"), dark: true);

        var create = Assert.Single(_module.Invocations["create"]);
        Assert.Equal("dark", JsonArgument(create, 2).GetProperty("theme").GetProperty("mode").GetString());
    }

    [Fact]
    public void SetParameters_SameContentNewReference_PushesNothing()
    {
        var cut = RenderChart(BarOptions("Bands"), new[] { new { data = new[] { 1 } } });

        cut.Render(p => p.Add(c => c.Options, BarOptions("Bands")).Add(c => c.Series, new[] { new { data = new[] { 1 } } }));

        Assert.Empty(_module.Invocations["updateOptions"]);
        Assert.Empty(_module.Invocations["updateSeries"]);
    }

    [Fact]
    public async Task DisposeAsync_AfterRender_DestroysTheChart()
    {
        var cut = RenderChart(BarOptions("Bands"));

        await cut.Instance.DisposeAsync();

        Assert.Single(_module.Invocations["destroy"]);
    }
}
