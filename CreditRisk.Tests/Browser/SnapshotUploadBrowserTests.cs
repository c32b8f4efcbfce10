using CreditRisk.Core.Snapshots;
using CreditRisk.Tests.Jobs;
using CreditRisk.Tests.Snapshots;
using CreditRisk.Web.Authorization;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// Real browser: an admin uploads a customer snapshot on the Models page, watches it import and train, and sees the new
/// snapshot version in the registry without reloading; an analyst is not offered the upload.
/// </summary>
[Trait("Category", "Browser")]
[Collection(HangfireGlobalsCollection.Name)]
public sealed class SnapshotUploadBrowserTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"creditrisk-snapshot-{Guid.NewGuid():N}.csv");
    private BrowserSession _session = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_file, SnapshotSamples.Csv(800, seed: 11));
        _session = await BrowserSession.StartAsync(new Dictionary<string, string?> { ["Models:ChallengerTrees"] = "20" });
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        File.Delete(_file);
    }

    [Fact]
    public async Task Admin_UploadsSnapshot_SeesImportAndTheNewSnapshotVersion()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync("snapshot.admin@bank.test", AppRoles.Admin);
        await page.GotoAsync("admin/models");
        await _session.WaitForInteractiveAsync();

        await page.SetInputFilesAsync("#snapshot-file", _file);

        // The calendar shows the whole week: at the field's width it lost Thursday to Saturday.
        await page.Locator("#snapshot-panel .mud-picker button[aria-label]").Last.ClickAsync();
        var calendar = page.Locator(".mud-popover-open .mud-picker-calendar-container").First;
        await Assertions.Expect(calendar).ToBeVisibleAsync();
        var dayLabels = await calendar.Locator(".mud-picker-calendar-header-day > *").EvaluateAllAsync<double[]>(
            "days => days.map(d => d.getBoundingClientRect().right)");
        var popover = (await page.Locator(".mud-popover-open").First.BoundingBoxAsync())!;
        Assert.Equal(7, dayLabels.Length);
        Assert.True(dayLabels.Max() <= popover.X + popover.Width + 0.5, $"The week ends at {dayLabels.Max():0} px, past the calendar's edge at {popover.X + popover.Width:0} px.");
        await page.Locator("#snapshot-panel h2").ClickAsync();
        await Assertions.Expect(calendar).ToBeHiddenAsync();

        // A date the picker cannot read is refused in words, not imported as of today.
        await page.FillAsync("#snapshot-as-of", "2026-13-45");
        await page.ClickAsync("#snapshot-import");
        await Assertions.Expect(page.Locator("#snapshot-validation")).ToContainTextAsync("As of must be a date written as year-month-day");
        Assert.Empty(await _session.App.Store.Models.ListAsync());

        await page.FillAsync("#snapshot-as-of", "2026-11-30");
        await page.ClickAsync("#snapshot-import");

        var result = page.Locator("#snapshot-result");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 120_000 });
        await Assertions.Expect(result).ToContainTextAsync("Imported 800 customers (800 new) as of 2026-11-30");
        var version = Assert.Single(await _session.App.Store.Models.ListAsync());
        Assert.Equal(SnapshotFeatures.Ordered, version.FeatureNames);
        await Assertions.Expect(result).ToContainTextAsync(version.Id);
        var row = page.Locator("#models-table tr", new() { HasText = version.Id });
        await Assertions.Expect(row).ToContainTextAsync("snapshot");
        await Assertions.Expect(row).ToContainTextAsync("Challenger");
        await _session.ScreenshotAsync("admin-models-snapshot-uploaded");
    }

    [Fact]
    public async Task Analyst_OnModelsPage_IsNotOfferedTheUpload()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync("snapshot.analyst@bank.test", AppRoles.Analyst);
        await page.GotoAsync("admin/models");

        await Assertions.Expect(page.Locator("#snapshot-readonly-note")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#snapshot-file")).ToHaveCountAsync(0);
    }
}
