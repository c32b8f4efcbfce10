using CreditRisk.Core.Persistence;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Portfolio;

/// <summary>
/// A search looks at the first <see cref="RiskGridService.MaxSearchMatches"/> matching customers only; when more match,
/// the page says so instead of passing a filtered part for the whole (searching "555" with Band = High read 30 of 186).
/// </summary>
public sealed class RiskGridSearchCapTests : IAsyncLifetime
{
    private TemporaryStore _temp = null!;

    public async Task InitializeAsync() => _temp = await TemporaryStore.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private async Task<RiskGridService> GridWithAshasAsync(int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"c-{i:000}").ToList();
        await _temp.Store.Customers.UpsertManyAsync([.. ids.Select((id, i) => A.Customer(id, $"+1555010{i:0000}") with { FullName = "Asha Rao" })]);
        await _temp.Store.Assessments.AddManyAsync(
            [.. ids.Select((id, i) => A.Assessment($"ra-{id}", id, band: i % 2 == 0 ? RiskBand.High : RiskBand.Low))]);
        return _temp.Services.GetRequiredService<RiskGridService>();
    }

    [Fact]
    public async Task GetPageAsync_AsManyMatchesAsTheCap_EveryOneCountedNotCapped()
    {
        var grid = await GridWithAshasAsync(RiskGridService.MaxSearchMatches);

        var page = await grid.GetPageAsync(new CurrentRiskQuery { Band = RiskBand.High, Take = 25 }, "asha");

        Assert.False(page.SearchCapped);
        Assert.Equal(RiskGridService.MaxSearchMatches / 2, page.Total);
        Assert.False(await grid.SearchIsCappedAsync("asha"));
    }

    [Fact]
    public async Task GetPageAsync_MoreMatchesThanTheCap_SaysItIsCapped()
    {
        var grid = await GridWithAshasAsync(RiskGridService.MaxSearchMatches + 1);

        var page = await grid.GetPageAsync(new CurrentRiskQuery { Band = RiskBand.High, Take = 25 }, "asha");

        Assert.True(page.SearchCapped);
        Assert.True(await grid.SearchIsCappedAsync("asha"));
        Assert.False(await grid.SearchIsCappedAsync("c-000"));
        Assert.False(await grid.SearchIsCappedAsync("  "));
    }
}
