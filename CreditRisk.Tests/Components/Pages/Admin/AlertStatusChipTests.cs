using Bunit;
using CreditRisk.Core.Alerts;
using CreditRisk.Web.Components.Pages.Admin.Customers;

namespace CreditRisk.Tests.Components.Pages.Admin;

/// <summary>The high-risk grid's Last alert cell.</summary>
public sealed class AlertStatusChipTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync() => _h = await ConsoleHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public void Render_SentAlert_StatusAndItsTimeInUtcWrittenLikeTheAssessedColumn()
    {
        // Stored with an offset: the cell still says the UTC time, as the Assessed time beside it does.
        var at = new DateTimeOffset(2026, 12, 6, 18, 0, 45, TimeSpan.FromHours(5.5));

        var cut = _h.Render<AlertStatusChip>(p => p.Add(x => x.Status, AlertStatus.Read).Add(x => x.At, at));

        Assert.Equal("Read", cut.Find("[data-testid=alert-status]").TextContent.Trim());
        Assert.Equal("6 Dec 12:30", cut.Find("[data-testid=alert-at]").TextContent.Trim());
        Assert.Equal("2026-12-06 12:30:45 UTC", cut.Find("[data-testid=alert-at]").GetAttribute("title"));
    }
}
