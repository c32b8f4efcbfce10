using System.Security.Claims;
using Bunit;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin.Models;
using CreditRisk.Web.Jobs;

namespace CreditRisk.Tests.Components.Pages.Admin;

public sealed class RetrainPanelTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync() => _h = await ConsoleHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static ClaimsPrincipal User(string name, string role) =>
        new(new ClaimsIdentity([new(ClaimTypes.Name, name), new(ClaimTypes.Role, role)], "test"));

    /// <summary>A job the queue knows as pending, so the state reads as still active.</summary>
    private string EnqueueJob() => _h.RetrainJobs.Enqueue("req", "meera");

    private Task SaveAsync(RetrainState state, long version = 0) =>
        state.TrySaveAsync(_h.Store.Settings, version, A.Now, CancellationToken.None);

    private static RetrainState Running(string jobId) => new()
    {
        RequestId = "req",
        Status = RetrainStatus.Running,
        RequestedBy = "meera",
        RequestedAt = A.Now.AddMinutes(-2),
        StartedAt = A.Now.AddMinutes(-1),
        JobId = jobId,
    };

    [Fact]
    public void Render_Analyst_ShowsStatusWithoutAButton()
    {
        _h.SignInStaff("asha", AppRoles.Analyst);

        var cut = _h.Render<RetrainPanel>();

        Assert.Empty(cut.FindAll("#retrain-start"));
        Assert.Contains("Only admins", cut.Find("#retrain-readonly-note").TextContent);
        Assert.Equal("none", cut.Find("#retrain-status").GetAttribute("data-status"));
    }

    [Fact]
    public async Task Click_AdminConfirms_QueuesTheJobAndDisablesTheButtonWithAReason()
    {
        _h.SignInStaff("meera", AppRoles.Admin);
        var cut = _h.Render<RetrainPanel>();
        Assert.False(cut.Find("#retrain-start").HasAttribute("disabled"));

        cut.Find("#retrain-start").Click();
        Assert.Empty(cut.FindAll("#retrain-start")); // a confirmation first, nothing queued yet
        Assert.Equal("none", cut.Find("#retrain-status").GetAttribute("data-status"));
        cut.Find("#retrain-confirm").Click();

        cut.WaitForAssertion(() => Assert.Equal("queued", cut.Find("#retrain-status").GetAttribute("data-status")));
        Assert.True(cut.Find("#retrain-start").HasAttribute("disabled"));
        Assert.Contains("already queued", cut.Find("#retrain-disabled-reason").TextContent);
        Assert.Contains("Retrain queued", cut.Find("#retrain-message").TextContent);
        var (state, _) = await RetrainState.ReadAsync(_h.Store.Settings, CancellationToken.None);
        var job = Assert.Single(_h.RetrainJobs.Queued);
        Assert.Equal((state!.JobId, state.RequestId, "meera"), (job.JobId, job.RequestId, job.RequestedBy));
    }

    [Fact]
    public void Click_AdminCancels_QueuesNothing()
    {
        _h.SignInStaff("meera", AppRoles.Admin);
        var cut = _h.Render<RetrainPanel>();

        cut.Find("#retrain-start").Click();
        cut.Find("#retrain-cancel").Click();

        Assert.False(cut.Find("#retrain-start").HasAttribute("disabled"));
        Assert.Equal("none", cut.Find("#retrain-status").GetAttribute("data-status"));
    }

    [Fact]
    public async Task Render_RetrainRunning_ButtonDisabledWithExplanation()
    {
        await SaveAsync(Running(EnqueueJob()));
        _h.SignInStaff("meera", AppRoles.Admin);

        var cut = _h.Render<RetrainPanel>();

        cut.WaitForAssertion(() => Assert.Equal("running", cut.Find("#retrain-status").GetAttribute("data-status")));
        var button = cut.Find("#retrain-start");
        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("retrain-disabled-reason", button.GetAttribute("aria-describedby"));
        Assert.Contains("already running", cut.Find("#retrain-disabled-reason").TextContent);
    }

    [Fact]
    public async Task Render_LastRetrainFailed_ShowsTheReasonAndAllowsAnother()
    {
        await SaveAsync(Running("1") with { Status = RetrainStatus.Failed, FinishedAt = A.Now, Error = "The store gives 12 labelled rows" });
        _h.SignInStaff("meera", AppRoles.Admin);

        var cut = _h.Render<RetrainPanel>();

        cut.WaitForAssertion(() => Assert.Equal("failed", cut.Find("#retrain-status").GetAttribute("data-status")));
        Assert.Contains("The store gives 12 labelled rows", cut.Find("#retrain-status").TextContent);
        Assert.False(cut.Find("#retrain-start").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_RunningJobUnknownToTheJobServer_ReadsAsFailed()
    {
        await SaveAsync(Running("no-such-job"));
        _h.SignInStaff("meera", AppRoles.Admin);

        var cut = _h.Render<RetrainPanel>();

        cut.WaitForAssertion(() => Assert.Equal("failed", cut.Find("#retrain-status").GetAttribute("data-status")));
        Assert.Contains("no longer known", cut.Find("#retrain-status").TextContent);
        Assert.False(cut.Find("#retrain-start").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_QueuedJobFailedBeforeReporting_ShowsTheJobsFailure()
    {
        var jobId = EnqueueJob();
        await SaveAsync(Running(jobId) with { Status = RetrainStatus.Queued });
        _h.RetrainJobs.End(jobId, new JobProbe(JobFate.Failed, "Timeout expired. The timeout elapsed prior to obtaining a distributed lock"));
        _h.SignInStaff("asha", AppRoles.Analyst);

        var cut = _h.Render<RetrainPanel>();

        cut.WaitForAssertion(() => Assert.Equal("failed", cut.Find("#retrain-status").GetAttribute("data-status")));
        Assert.Contains("distributed lock", cut.Find("#retrain-status").TextContent);
    }

    [Fact]
    public async Task Poll_RunningRetrainSucceeds_ShowsTheNewVersionAndNotifiesThePage()
    {
        await SaveAsync(Running(EnqueueJob()));
        _h.SignInStaff("asha", AppRoles.Analyst);
        var finished = 0;
        var cut = _h.Render<RetrainPanel>(p => p.Add(x => x.Finished, () => finished++));
        cut.WaitForAssertion(() => Assert.Equal("running", cut.Find("#retrain-status").GetAttribute("data-status")));

        await SaveAsync(Running("x") with { Status = RetrainStatus.Succeeded, FinishedAt = A.Now, ModelVersion = "20260302-101530-beef", Rows = 900, Positives = 60, Auc = 0.812 }, version: 1);
        _h.Clock.Advance(TimeSpan.FromSeconds(3));

        cut.WaitForAssertion(() => Assert.Equal("succeeded", cut.Find("#retrain-status").GetAttribute("data-status")));
        Assert.Contains("20260302-101530-beef", cut.Find("#retrain-status").TextContent);
        Assert.Contains("0.812", cut.Find("#retrain-status").TextContent);

        // The page is told right after the render that shows the result, on the renderer's thread.
        cut.WaitForAssertion(() => Assert.Equal(1, finished));
    }

    [Fact]
    public async Task ModelsPage_RetrainFinishes_ListsTheNewVersionWithoutReload()
    {
        await SaveAsync(Running(EnqueueJob()));
        _h.SignInStaff("meera", AppRoles.Admin);
        var cut = _h.Render<ModelsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#models-empty")));
        Assert.True(cut.Find("#retrain-start").HasAttribute("disabled"));

        await _h.Store.Models.AddAsync(A.ModelVersion("v-retrained", A.Now) with { IsChampion = false });
        await SaveAsync(Running("x") with { Status = RetrainStatus.Succeeded, FinishedAt = A.Now, ModelVersion = "v-retrained" }, version: 1);
        _h.Clock.Advance(TimeSpan.FromSeconds(3));

        cut.WaitForAssertion(() => Assert.Contains("v-retrained", cut.Find("#models-table").TextContent));
        Assert.False(cut.Find("#retrain-start").HasAttribute("disabled"));
    }

    [Fact]
    public async Task RequestAsync_Analyst_IsRefusedServerSide()
    {
        var result = await _h.Get<RetrainAdminService>().RequestAsync(User("asha", AppRoles.Analyst));

        Assert.False(result.Succeeded);
        Assert.Null(await _h.Get<RetrainAdminService>().GetLastAsync());
    }

    [Fact]
    public async Task RequestAsync_WhileOneIsRunning_IsRefusedAndAuditsOnlyTheFirst()
    {
        var service = _h.Get<RetrainAdminService>();
        var first = await service.RequestAsync(User("meera", AppRoles.Admin));

        var second = await service.RequestAsync(User("ravi", AppRoles.Admin));

        Assert.True(first.Succeeded, first.Message);
        Assert.False(second.Succeeded);
        Assert.Contains("already queued", second.Message);
        var audit = Assert.Single(await _h.Store.Audit.ListAsync(RetrainAdminService.RequestedAction, 0, 10));
        Assert.Equal("meera", audit.Actor);
        Assert.Equal("meera", (await service.GetLastAsync())!.RequestedBy);
    }
}
