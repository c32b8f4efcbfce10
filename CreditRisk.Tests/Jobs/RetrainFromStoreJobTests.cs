using CreditRisk.Core.Training;
using CreditRisk.Tests.Support;
using CreditRisk.Tests.Training;
using CreditRisk.Web.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Jobs;

public sealed class RetrainFromStoreJobTests
{
    private static Task<TemporaryStore> StoreAsync() => TemporaryStore.CreateAsync(services =>
    {
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(SimulatedStore.Now));
        services.Configure<StoreTrainingOptions>(o => (o.MinimumRows, o.MinimumPositives) = (200, 10));
    });

    private static RetrainFromStoreJob Job(TemporaryStore store) => ActivatorUtilities.CreateInstance<RetrainFromStoreJob>(store.Services);

    [Fact]
    public async Task RunAsync_StoreSeededWithTheSimulator_RegistersAChallengerWithMetricsCurvesAndAudit()
    {
        await using var store = await StoreAsync();
        await SimulatedStore.SeedAsync(store.Store, customers: 150);
        await store.Store.Models.AddAsync(Builders.A.ModelVersion("champion", SimulatedStore.Now.AddDays(-30)) with { IsChampion = true });

        var summary = await Job(store).RunAsync("req-1", "admin@bank.test", CancellationToken.None);

        var versions = await store.Store.Models.ListAsync();
        var trained = Assert.Single(versions, v => v.Id != "champion");
        Assert.False(trained.IsChampion);
        Assert.Equal("champion", (await store.Store.Models.GetChampionAsync())?.Id);
        Assert.Equal("retrain:admin@bank.test", trained.CreatedBy);
        Assert.True(trained.Metrics["ensemble"]["auc"] > 0.5);
        Assert.NotNull(trained.Curves);
        Assert.NotEmpty(trained.Curves!.Roc);
        Assert.StartsWith("first 30+ DPD", trained.TrainingSummary["label_rule"]);
        Assert.StartsWith("store: ", trained.TrainingSummary["source"]);
        Assert.Contains(trained.Id, summary);

        var (state, _) = await RetrainState.ReadAsync(store.Store.Settings, CancellationToken.None);
        Assert.Equal((RetrainStatus.Succeeded, trained.Id, "req-1"), (state!.Status, state.ModelVersion, state.RequestId));
        Assert.Equal(SimulatedStore.Now, state.FinishedAt);
        var audit = Assert.Single(await store.Store.Audit.ListAsync("models.retrain", 0, 10));
        Assert.Equal((RetrainFromStoreJob.SucceededAction, "job:retrain-from-store", $"model:{trained.Id}"), (audit.Action, audit.Actor, audit.Target));
        Assert.Contains("requested by admin@bank.test", audit.Details);

        // Run twice (a redelivery): the request already succeeded, so nothing more is trained.
        var again = await Job(store).RunAsync("req-1", "admin@bank.test", CancellationToken.None);
        Assert.Equal(2, (await store.Store.Models.ListAsync()).Count);
        Assert.Contains(trained.Id, again);
    }

    [Fact]
    public async Task RunAsync_TooLittleStoredData_FailsRecordingTheReasonAndRegistersNothing()
    {
        await using var store = await StoreAsync();
        await SimulatedStore.SeedAsync(store.Store, customers: 5);

        var ex = await Assert.ThrowsAsync<TrainingDataException>(() => Job(store).RunAsync("req-2", "admin@bank.test", CancellationToken.None));

        Assert.Empty(await store.Store.Models.ListAsync());
        var (state, _) = await RetrainState.ReadAsync(store.Store.Settings, CancellationToken.None);
        Assert.Equal((RetrainStatus.Failed, ex.Message), (state!.Status, state.Error));
        var audit = Assert.Single(await store.Store.Audit.ListAsync("models.retrain", 0, 10));
        Assert.Equal(RetrainFromStoreJob.FailedAction, audit.Action);
        Assert.Contains("bad outcomes", audit.Details);
    }

    [Fact]
    public async Task RunAsync_QueuedRequest_KeepsWhoAskedAndWhen()
    {
        await using var store = await StoreAsync();
        var requested = SimulatedStore.Now.AddMinutes(-3);
        await new RetrainState { RequestId = "req-3", Status = RetrainStatus.Queued, RequestedBy = "meera", RequestedAt = requested, JobId = "42" }
            .TrySaveAsync(store.Store.Settings, 0, requested, CancellationToken.None);

        await Assert.ThrowsAsync<TrainingDataException>(() => Job(store).RunAsync("req-3", "meera", CancellationToken.None));

        var (state, _) = await RetrainState.ReadAsync(store.Store.Settings, CancellationToken.None);
        Assert.Equal((RetrainStatus.Failed, requested, "42", SimulatedStore.Now), (state!.Status, state.RequestedAt, state.JobId, state.StartedAt));
    }

    [Fact]
    public async Task RunAsync_OlderRequestsJobWhileANewerRequestIsQueued_LeavesTheNewerRequestsStateAndTrainsNothing()
    {
        await using var store = await StoreAsync();
        await SimulatedStore.SeedAsync(store.Store, customers: 5);
        var requested = SimulatedStore.Now.AddMinutes(-1);
        var newer = new RetrainState { RequestId = "req-new", Status = RetrainStatus.Queued, RequestedBy = "meera", RequestedAt = requested, JobId = "43" };
        await newer.TrySaveAsync(store.Store.Settings, 0, requested, CancellationToken.None);

        // An older request's job, requeued from /jobs or redelivered after a restart, runs while the newer one waits.
        var summary = await Job(store).RunAsync("req-old", "asha", CancellationToken.None);

        Assert.Contains("newer retrain", summary);
        var (state, _) = await RetrainState.ReadAsync(store.Store.Settings, CancellationToken.None);
        Assert.Equal(newer, state);
        Assert.Empty(await store.Store.Audit.ListAsync("models.retrain", 0, 10));
    }

    [Fact]
    public void RunAsync_Attributes_NeverTwiceAtOnceAndNoAutomaticRetry()
    {
        // Attribute data, not instances: AutomaticRetryAttribute's constructor takes a logger from Hangfire's
        // process-wide log provider, which another test's disposed host may have left behind.
        var attributes = typeof(RetrainFromStoreJob).GetMethod(nameof(RetrainFromStoreJob.RunAsync))!.GetCustomAttributesData();

        Assert.Single(attributes, a => a.AttributeType == typeof(DisableConcurrentExecutionAttribute));
        var retry = Assert.Single(attributes, a => a.AttributeType == typeof(AutomaticRetryAttribute));
        Assert.Equal(0, retry.NamedArguments.Single(a => a.MemberName == nameof(AutomaticRetryAttribute.Attempts)).TypedValue.Value);
    }
}
