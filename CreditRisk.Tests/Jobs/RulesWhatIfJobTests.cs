using System.Security.Claims;
using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Support;
using CreditRisk.Tests.Training;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Jobs;

/// <summary>
/// The backtest job and its admin service over a store seeded with a simulated year (no champion: rules alone), with
/// a fake job queue: the tests run the job themselves, as Hangfire would.
/// </summary>
public sealed class RulesWhatIfJobTests : IAsyncLifetime
{
    private static readonly ClaimsPrincipal Admin = User("meera", AppRoles.Admin);
    private static readonly ClaimsPrincipal OtherAdmin = User("ravi", AppRoles.Admin);
    private static readonly ClaimsPrincipal Analyst = User("asha", AppRoles.Analyst);
    private static readonly RiskProposal Raised = new(new RuleSettings { UtilisationHighPct = 98, CashWithdrawalHighPct = 60 }, null);

    private readonly string _work = TestDirectories.New();
    private readonly FakeTimeProvider _clock = new(SimulatedStore.Now);
    private readonly FakeRulesWhatIfJobQueue _jobs = new();
    private TemporaryStore _store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        _store = await TemporaryStore.CreateAsync(services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.Configure<RulesWhatIfOptions>(o => (o.LookBackDays, o.StepDays, o.Parallelism, o.WorkDirectory) = (500, 14, 2, _work));
            services.AddSingleton<IRulesWhatIfJobQueue>(_jobs);
            services.AddSingleton<RulesWhatIfAdminService>();
        });
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        TestDirectories.Delete(_work);
    }

    private static ClaimsPrincipal User(string name, string role) =>
        new(new ClaimsIdentity([new(ClaimTypes.Name, name), new(ClaimTypes.Role, role)], "test"));

    private RulesWhatIfAdminService Admins => _store.Services.GetRequiredService<RulesWhatIfAdminService>();

    private RulesWhatIfJob Job() => ActivatorUtilities.CreateInstance<RulesWhatIfJob>(_store.Services);

    private async Task<RulesWhatIfState> StateAsync() => (await RulesWhatIfState.ReadAsync(_store.Store.Settings, CancellationToken.None)).State!;

    private async Task<string> RequestAsync(RiskProposal proposal)
    {
        var result = await Admins.RequestAsync(Admin, proposal);
        Assert.True(result.Succeeded, result.Message);
        return (await StateAsync()).RequestId;
    }

    private Task<IReadOnlyList<Core.Audit.AuditEntry>> AuditAsync(string prefix = "rules.what-if") => _store.Store.Audit.ListAsync(prefix, 0, 20);

    [Fact]
    public async Task RunAsync_QueuedRequest_StoresNowVersusProposedAndAuditsEachStep()
    {
        await SimulatedStore.SeedAsync(_store.Store, customers: 30, seed: 3);
        var requestId = await RequestAsync(Raised);

        var summary = await Job().RunAsync(requestId, "meera", CancellationToken.None);

        var state = await StateAsync();
        Assert.Equal((RulesWhatIfStatus.Succeeded, 100), (state.Status, state.Percent));
        var result = state.Result!;
        Assert.Equal(30, result.Customers);
        Assert.Equal(98, result.ProposedRules.UtilisationHighPct);
        Assert.Contains("High utilisation, Utilisation above (%): 90% → 98%", state.Changes);
        Assert.True(result.Proposed.HighAlertsPer1000PerMonth <= result.Now.HighAlertsPer1000PerMonth);
        Assert.Contains("High alerts per 1,000 per month", summary);
        var audit = await AuditAsync();
        Assert.Equal(
            [(RulesWhatIfJob.CompletedAction, "job:rules-what-if"), (RulesWhatIfAdminService.RequestedAction, "meera")],
            audit.Select(a => (a.Action, a.Actor)));
        Assert.Contains("\"utilisationHighPct\":98", audit[1].NewValue);
        Assert.Empty(Directory.GetFileSystemEntries(_work));

        // Run twice (a redelivery): the request is done, nothing is replayed again.
        Assert.Equal("already succeeded", await Job().RunAsync(requestId, "meera", CancellationToken.None));
        Assert.Equal(2, (await AuditAsync()).Count);
    }

    [Fact]
    public async Task RunAsync_AdminCancelsWhileRunning_ReplayStopsStateCancelledAndAudited()
    {
        await SimulatedStore.SeedAsync(_store.Store, customers: 60, seed: 3);
        var requestId = await RequestAsync(Raised);

        var run = Job().RunAsync(requestId, "meera", CancellationToken.None);
        await UntilAsync(async () => (await StateAsync()).Status == RulesWhatIfStatus.Running, run);
        var cancel = await Admins.CancelAsync(OtherAdmin);
        Assert.True(cancel.Succeeded, cancel.Message);
        Assert.Equal("ravi", (await StateAsync()).CancelRequestedBy);
        await UntilAsync(() => Task.FromResult(run.IsCompleted), run); // the clock drives the job's watch meanwhile

        Assert.Equal("cancelled by ravi", await run);
        var state = await StateAsync();
        Assert.Equal((RulesWhatIfStatus.Cancelled, "cancelled by ravi"), (state.Status, state.Error));
        Assert.True(state.FinishedAt >= state.StartedAt);
        Assert.Null(state.Result);
        var cancelled = Assert.Single(await AuditAsync(RulesWhatIfJob.CancelledAction));
        Assert.Equal("job:rules-what-if", cancelled.Actor);
        Assert.Contains("requested by meera: cancelled by ravi", cancelled.Details);
        Assert.Empty(await AuditAsync(RulesWhatIfJob.CompletedAction));
        Assert.Empty(Directory.GetFileSystemEntries(_work));
    }

    [Fact]
    public async Task CancelAsync_Queued_NeverRunsAndIsAuditedByTheAdmin()
    {
        var requestId = await RequestAsync(Raised);

        var cancel = await Admins.CancelAsync(OtherAdmin);
        var ran = await Job().RunAsync(requestId, "meera", CancellationToken.None);

        Assert.True(cancel.Succeeded, cancel.Message);
        Assert.Equal("already cancelled", ran);
        var state = await StateAsync();
        Assert.Equal((RulesWhatIfStatus.Cancelled, "cancelled by ravi before it started"), (state.Status, state.Error));
        Assert.Equal([state.JobId!], _jobs.Deleted);
        var audit = Assert.Single(await AuditAsync(RulesWhatIfJob.CancelledAction));
        Assert.Equal("ravi", audit.Actor);
    }

    [Fact]
    public async Task RunAsync_NothingToReplay_FailsWithTheReasonAndAudits()
    {
        var requestId = await RequestAsync(Raised);

        var error = await Assert.ThrowsAsync<TrainingDataException>(() => Job().RunAsync(requestId, "meera", CancellationToken.None));

        var state = await StateAsync();
        Assert.Equal((RulesWhatIfStatus.Failed, error.Message), (state.Status, state.Error));
        var audit = Assert.Single(await AuditAsync(RulesWhatIfJob.FailedAction));
        Assert.Contains("No stored customer has transactions or statements", audit.Details);
    }

    [Fact]
    public async Task RunAsync_OlderRequestRequeued_LeavesTheNewerOneAlone()
    {
        var requestId = await RequestAsync(Raised);

        var ran = await Job().RunAsync("an-older-request", "meera", CancellationToken.None);

        Assert.Contains("nothing to do", ran);
        Assert.Equal((requestId, RulesWhatIfStatus.Queued), ((await StateAsync()).RequestId, (await StateAsync()).Status));
    }

    [Fact]
    public void RunAsync_Attributes_NeverTwiceAtOnceAndNoAutomaticRetry()
    {
        var attributes = typeof(RulesWhatIfJob).GetMethod(nameof(RulesWhatIfJob.RunAsync))!.GetCustomAttributesData();

        Assert.Single(attributes, a => a.AttributeType == typeof(DisableConcurrentExecutionAttribute));
        var retry = Assert.Single(attributes, a => a.AttributeType == typeof(AutomaticRetryAttribute));
        Assert.Equal(0, retry.NamedArguments.Single(a => a.MemberName == nameof(AutomaticRetryAttribute.Attempts)).TypedValue.Value);
    }

    [Fact]
    public async Task RequestAsync_WhileOneIsActive_RefusedAndOnlyTheFirstQueuedAndAudited()
    {
        await RequestAsync(Raised);

        var second = await Admins.RequestAsync(OtherAdmin, Raised);

        Assert.False(second.Succeeded);
        Assert.Contains("already queued", second.Message);
        Assert.Single(_jobs.Queued);
        Assert.Single(await AuditAsync(RulesWhatIfAdminService.RequestedAction));
    }

    [Fact]
    public async Task RequestAndCancel_Analyst_RefusedServerSideAndNothingChanges()
    {
        var refused = await Admins.RequestAsync(Analyst, Raised);
        Assert.False(refused.Succeeded);
        Assert.Null(await Admins.GetLastAsync());

        await RequestAsync(Raised);
        var cancel = await Admins.CancelAsync(Analyst);

        Assert.False(cancel.Succeeded);
        Assert.Contains("Only admins", cancel.Message);
        Assert.Equal((RulesWhatIfStatus.Queued, null), ((await StateAsync()).Status, (await StateAsync()).CancelRequestedBy));
        Assert.Empty(_jobs.Deleted);
        Assert.Single(await AuditAsync());
    }

    [Fact]
    public async Task RequestAsync_InvalidProposal_RefusedNamingTheField()
    {
        var result = await Admins.RequestAsync(Admin, new RiskProposal(new RuleSettings { UtilisationHighPct = 0 }, null));

        Assert.False(result.Succeeded);
        Assert.Contains("rules.utilisationHighPct", result.Message);
        Assert.Empty(_jobs.Queued);
    }

    [Fact]
    public async Task GetLastAsync_RunningJobUnknownToTheJobServer_ReadsAsFailedAndAllowsAnother()
    {
        await RequestAsync(Raised);
        var (queued, version) = await RulesWhatIfState.ReadAsync(_store.Store.Settings, CancellationToken.None);
        await (queued! with { Status = RulesWhatIfStatus.Running, JobId = "lost" }).TrySaveAsync(_store.Store.Settings, version, SimulatedStore.Now, CancellationToken.None);

        var last = await Admins.GetLastAsync();

        Assert.Equal(RulesWhatIfStatus.Failed, last!.Status);
        Assert.Contains("no longer known", last.Error);
        Assert.True((await Admins.RequestAsync(Admin, Raised)).Succeeded);
    }

    /// <summary>
    /// Moves the fake clock on (the job's watch ticks on it) until <paramref name="done"/>; fails when the job ended
    /// first with an error, or after two minutes (a hung test, not a speed assertion).
    /// </summary>
    private async Task UntilAsync(Func<Task<bool>> done, Task run)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await done())
        {
            if (run.IsFaulted)
            {
                await run;
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out");
            _clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(10);
        }
    }
}
