using CreditRisk.Tests.Jobs;
using CreditRisk.Tests.Training;
using CreditRisk.Web.Authorization;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// Real browser: an admin retrains from the stored (simulated) data on the Models page and watches the job go from
/// queued to a new challenger version, without reloading. Runs alone: the job goes through Hangfire (see
/// <see cref="HangfireGlobalsCollection"/>).
/// </summary>
[Trait("Category", "Browser")]
[Collection(HangfireGlobalsCollection.Name)]
public sealed class RetrainBrowserTests : IAsyncLifetime
{
    private BrowserSession _session = null!;

    public async Task InitializeAsync()
    {
        _session = await BrowserSession.StartAsync(new Dictionary<string, string?>
        {
            ["StoreTraining:MinimumRows"] = "200",
            ["StoreTraining:MinimumPositives"] = "10",
        });
        await SimulatedStore.SeedAsync(_session.App.Store, customers: 150);
    }

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Admin_RetrainsFromStoredData_SeesTheNewChallengerWithoutReloading()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync("retrain.admin@bank.test", AppRoles.Admin);
        await page.GotoAsync("admin/models");
        await Assertions.Expect(page.Locator("#models-empty")).ToBeVisibleAsync();
        await _session.WaitForInteractiveAsync();

        await page.ClickAsync("#retrain-start");
        await page.ClickAsync("#retrain-confirm");

        var status = page.Locator("#retrain-status");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 180_000 });
        await Assertions.Expect(status).ToContainTextAsync("registered as a challenger");
        var version = Assert.Single(await _session.App.Store.Models.ListAsync());
        await Assertions.Expect(page.Locator("#models-table")).ToContainTextAsync(version.Id);
        await Assertions.Expect(page.Locator("#models-table")).ToContainTextAsync("Challenger");
        Assert.Contains("retrain.admin@bank.test", version.CreatedBy);
        await _session.ScreenshotAsync("admin-models-retrained");
    }
}
