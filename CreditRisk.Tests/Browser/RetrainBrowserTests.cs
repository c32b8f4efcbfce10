using System.Text.RegularExpressions;
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
        // No champion yet: the new version's figures are marked as not compared, with the reason.
        await Assertions.Expect(page.Locator("#retrain-comparison")).ToContainTextAsync("No behavioural champion");
        await Assertions.Expect(page.Locator("#champion-comparison")).ToHaveAttributeAsync("data-compared", "false");
        await _session.ScreenshotAsync("admin-models-retrained");

        // Promote it, retrain again: the next version is shown beside that champion on its own hold-out rows.
        await page.ClickAsync($"button[aria-label='Promote {version.Id}']");
        await page.ClickAsync($"button[aria-label='Confirm promoting {version.Id}']");
        await Assertions.Expect(page.Locator("#models-message")).ToBeVisibleAsync();
        await page.ClickAsync("#retrain-start");
        await page.ClickAsync("#retrain-confirm");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", new Regex("^(queued|running)$"), new() { Timeout = 30_000 });
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 180_000 });
        await Assertions.Expect(page.Locator("#retrain-comparison")).ToContainTextAsync($"champion {version.Id} AUC");
        var second = (await _session.App.Store.Models.ListAsync()).First(v => v.Id != version.Id);
        await page.ClickAsync($"[aria-label='Show metrics of {second.Id}']");
        var comparison = page.Locator("#champion-comparison");
        await Assertions.Expect(comparison).ToHaveAttributeAsync("data-compared", "true");
        await Assertions.Expect(comparison).ToContainTextAsync($"same {second.ChampionOnSameHoldout!.Rows:N0} hold-out rows");
        await Assertions.Expect(comparison.Locator("[data-row=champion]")).ToContainTextAsync($"Champion {version.Id}");
        await Assertions.Expect(page.Locator($"[data-same-rows='{second.Id}']")).ToContainTextAsync("on the same");
        await _session.ScreenshotAsync("admin-models-champion-comparison");
    }
}
