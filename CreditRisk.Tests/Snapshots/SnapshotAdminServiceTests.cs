using System.Security.Claims;
using System.Text;
using CreditRisk.Core.Snapshots;
using CreditRisk.Tests.Support;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Snapshots;

/// <summary>The Models page's snapshot upload: admins only, checked by the service whatever the page shows.</summary>
public sealed class SnapshotAdminServiceTests : IAsyncLifetime
{
    private TemporaryStore _store = null!;

    public async Task InitializeAsync() => _store = await TemporaryStore.CreateAsync(s => s.AddSingleton<SnapshotAdminService>());

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static ClaimsPrincipal User(params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone@bank.test"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));

    private static SnapshotUpload Upload(string csv, bool train = false)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        return new SnapshotUpload("snapshot.csv", bytes.Length, () => new MemoryStream(bytes)) { Train = train };
    }

    [Theory]
    [InlineData(AppRoles.Analyst)]
    [InlineData(AppRoles.Customer)]
    [InlineData]
    public async Task Upload_NotAnAdmin_RefusedAndNothingRead(params string[] roles)
    {
        var opened = false;
        var upload = new SnapshotUpload("snapshot.csv", 10, () =>
        {
            opened = true;
            return new MemoryStream();
        });

        var result = await _store.Services.GetRequiredService<SnapshotAdminService>().UploadAsync(User(roles), upload);

        Assert.False(result.Succeeded);
        Assert.Equal("Only admins can upload a snapshot.", result.Message);
        Assert.False(opened);
        Assert.Equal(0, await _store.Store.Customers.CountAsync());
    }

    [Fact]
    public async Task Upload_Admin_ImportsTrainsAndAudits()
    {
        var progress = new List<SnapshotUploadPhase>();

        var result = await _store.Services.GetRequiredService<SnapshotAdminService>().UploadAsync(
            User(AppRoles.Admin), Upload(SnapshotSamples.Csv(600), train: true), new SyncProgress(p => progress.Add(p.Phase)));

        Assert.True(result.Succeeded, result.Message + string.Join("; ", result.Problems));
        Assert.Contains("Imported 600 customers (600 new)", result.Message);
        var version = Assert.Single(await _store.Store.Models.ListAsync());
        Assert.Equal(version.Id, result.ModelVersion);
        Assert.Equal(SnapshotFeatures.Ordered, version.FeatureNames);
        Assert.False(version.IsChampion);
        Assert.Equal("web:someone@bank.test", version.CreatedBy);
        Assert.Equal(600, await _store.Store.Customers.CountAsync());
        Assert.Equal(
            [SnapshotUploadPhase.Uploading, SnapshotUploadPhase.Checking, SnapshotUploadPhase.Importing, SnapshotUploadPhase.Training, SnapshotUploadPhase.Done],
            progress.Distinct());
        var audit = await _store.Store.Audit.ListAsync(SnapshotAdminService.UploadedAction, 0, 10);
        Assert.Contains(audit, e => e.Action == SnapshotAdminService.UploadedAction);
    }

    [Fact]
    public async Task Upload_AsOfAfterToday_RefusedInWordsAndNothingImported()
    {
        var today = DateOnly.FromDateTime(_store.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

        var result = await _store.Services.GetRequiredService<SnapshotAdminService>().UploadAsync(
            User(AppRoles.Admin), Upload(SnapshotSamples.Csv(10)) with { AsOf = today.AddDays(1) });

        Assert.False(result.Succeeded);
        Assert.Equal($"As of {today.AddDays(1):yyyy-MM-dd} is after today ({today:yyyy-MM-dd}, UTC): a snapshot speaks for a day that has begun. Nothing was imported.", result.Message);
        Assert.Equal(0, await _store.Store.Customers.CountAsync());
    }

    [Fact]
    public async Task Upload_AsOfToday_Imports()
    {
        var today = DateOnly.FromDateTime(_store.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

        var result = await _store.Services.GetRequiredService<SnapshotAdminService>().UploadAsync(
            User(AppRoles.Admin), Upload(SnapshotSamples.Csv(10)) with { AsOf = today });

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(10, await _store.Store.Customers.CountAsync());
    }

    [Fact]
    public async Task Upload_BadRows_FailsWithLineAndColumn()
    {
        var result = await _store.Services.GetRequiredService<SnapshotAdminService>().UploadAsync(
            User(AppRoles.Admin), Upload(SnapshotSamples.Header + "\n" + SnapshotSamples.Row("C-1", mix: "2") + "\n"));

        Assert.False(result.Succeeded);
        Assert.Contains("1 bad row(s); nothing was imported", result.Message);
        Assert.Equal("snapshot.csv:2: Merchant Mix Index: must be an index from 0 to 1 (found 2)", Assert.Single(result.Problems));
    }

    [Fact]
    public async Task Upload_HeaderOnly_RefusedNothingImportedNothingAudited()
    {
        var result = await _store.Services.GetRequiredService<SnapshotAdminService>().UploadAsync(
            User(AppRoles.Admin), Upload(SnapshotSamples.Header + "\n"));

        Assert.False(result.Succeeded);
        Assert.Equal("snapshot.csv cannot be imported as a snapshot; nothing was imported.", result.Message);
        Assert.Equal("snapshot.csv:2: The file has a header row but no customer rows.", Assert.Single(result.Problems));
        Assert.Empty(await _store.Store.Audit.ListAsync(null, 0, 10));
    }

    [Fact]
    public async Task Upload_TrainWithoutTheLabelColumn_ImportedAndAuditedWithWhyNoModel()
    {
        var header = string.Join(",", SnapshotColumns.Ordered.Where(c => c != SnapshotColumns.DpdBucketNextMonth));
        var csv = header + "\nC-1,100000,45.5,60,20,0.55,5,-10\nC-2,100000,95,10,90,0.1,50,-60\n";

        var result = await _store.Services.GetRequiredService<SnapshotAdminService>().UploadAsync(User(AppRoles.Admin), Upload(csv, train: true));

        Assert.False(result.Succeeded);
        Assert.StartsWith("Imported 2 customers (2 new)", result.Message);
        Assert.EndsWith("No model was trained: the file needs a DPD bucket on every row.", result.Message);
        Assert.Equal(2, await _store.Store.Customers.CountAsync());
        var entry = Assert.Single(await _store.Store.Audit.ListAsync(SnapshotAdminService.UploadedAction, 0, 10));
        Assert.EndsWith("no model trained: the file needs a DPD bucket on every row.", entry.Details);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    public async Task Upload_TinyFileWithTrain_ImportsAndAnswersWithoutThrowing(int rows)
    {
        // Too few rows for LightGBM to split (its trees would be single leaves, which ML.NET cannot load: it threw).
        var result = await _store.Services.GetRequiredService<SnapshotAdminService>().UploadAsync(
            User(AppRoles.Admin), Upload(SnapshotSamples.Csv(rows, seed: 3), train: true));

        Assert.StartsWith($"Imported {rows} customers ({rows} new)", result.Message);
        Assert.Equal(rows, await _store.Store.Customers.CountAsync());
        Assert.Single(await _store.Store.Audit.ListAsync(SnapshotAdminService.UploadedAction, 0, 10));
    }

    private sealed class SyncProgress(Action<SnapshotUploadProgress> report) : IProgress<SnapshotUploadProgress>
    {
        public void Report(SnapshotUploadProgress value) => report(value);
    }
}
