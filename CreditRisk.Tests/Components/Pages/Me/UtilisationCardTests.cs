using Bunit;
using CreditRisk.Web.Components.Pages.Me;

namespace CreditRisk.Tests.Components.Pages.Me;

/// <summary>The utilisation gauge's arc stops at a full limit; the number in it and under it does not.</summary>
public sealed class UtilisationCardTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;
    private BunitJSModuleInterop _charts = default!;

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync();
        _charts = _h.SetupChartModule();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData(110.2, 100, "110%")]
    [InlineData(64.6, 65, "65%")]
    public void Render_Utilisation_ArcCappedAtTheLimitNumberAsItIs(double utilisation, double arc, string written)
    {
        var cut = _h.Render<UtilisationCard>(p => p.Add(c => c.UtilisationPct, utilisation).Add(c => c.CreditLimit, 120_000m));

        var options = ConsoleHarness.CreatedChartOptions(_charts);
        Assert.Equal(arc, options.GetProperty("series")[0].GetDouble());
        var value = options.GetProperty("plotOptions").GetProperty("radialBar").GetProperty("dataLabels").GetProperty("value");
        Assert.Equal(written, value.GetProperty("text").GetString());
        Assert.Contains($"{written} of your", cut.Find("#me-utilisation").TextContent);
    }
}
