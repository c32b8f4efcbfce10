using Bunit;
using CreditRisk.Web.Components.Pages.Me;
using CreditRisk.Web.Customers;
using CreditRisk.Web.Display;

namespace CreditRisk.Tests.Components.Pages.Me;

/// <summary>The customer's spending chart labels its axis in whole amounts grouped the display culture's way.</summary>
public sealed class SpendTrendChartTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;
    private BunitJSModuleInterop _charts = default!;

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync();
        _charts = _h.SetupChartModule();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public void Render_Spending_AxisGroupedInTheDisplayCultureWithTheCurrencyInItsTitle()
    {
        var money = _h.Get<MoneyFormat>();
        MonthlySpend[] months = [new(new DateOnly(2026, 11, 1), 29_512.34m, 1_000m), new(new DateOnly(2026, 12, 1), 12_000m, 0m)];

        _h.Render<SpendTrend>(p => p.Add(c => c.Months, months));

        var yaxis = ConsoleHarness.CreatedChartOptions(_charts).GetProperty("yaxis");
        Assert.Equal(money.CultureName, yaxis.GetProperty("labels").GetProperty("groupedLocale").GetString());
        Assert.False(string.IsNullOrEmpty(money.CultureName));
        Assert.Equal($"Amount ({money.Currency})", yaxis.GetProperty("title").GetProperty("text").GetString());
    }
}
