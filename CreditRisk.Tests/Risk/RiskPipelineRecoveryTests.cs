using CreditRisk.Core.Alerts;
using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Risk;

/// <summary>
/// Crash safety of the pipeline: the process "dies" right after each store write of a run, a fresh pipeline (as after
/// a restart) recovers, and the result is as if nothing had happened — every transaction counted once, one alert.
/// </summary>
public sealed class RiskPipelineRecoveryTests : IAsyncLifetime
{
    private static int _sequence;
    private PipelineHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await PipelineHarness.CreateAsync();
        await _h.AddCustomersAsync("c1", "c2");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public static TheoryData<string> CrashPoints() =>
    [
        "Profiles.TrySaveManyAsync",
        "Alerts.TryAddManyAsync",
        "Assessments.AddManyAsync",
        "Transactions.MarkAppliedAsync",
    ];

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task RecoverAsync_CrashAfterEachWriteOfAnEscalation_ProfileExactAndOneAlert(string crashPoint)
    {
        var low = await IngestAsync(_h.Pipeline, Purchase("c1", 1_000m, -10), Purchase("c2", 500m, -10));
        Assert.All(low, a => Assert.Equal(RiskBand.Low, a.Band));
        var crashing = new CrashingStore(_h.Store, crashPoint);

        var crash = await Assert.ThrowsAsync<SimulatedCrashException>(
            () => IngestAsync(_h.NewInstance(crashing), Purchase("c1", 8_500m, -2), Purchase("c2", 100m, -2)));
        Assert.Contains(crashPoint, crash.Message);
        var recovered = await RecoverAllAsync();

        await AssertProfilesMatchRawHistoryAsync("c1", "c2");
        var alert = Assert.Single(await _h.Store.Alerts.ListForCustomerAsync("c1", 10));
        Assert.Equal(EscalationKeys.For("c1", EscalationKeys.NoPrior, RiskBand.High), alert.EscalationKey);
        Assert.Equal("Your balance is 95% of your credit limit", alert.Reason);
        Assert.Empty(await _h.Store.Alerts.ListForCustomerAsync("c2", 10));
        Assert.Equal(RiskBand.High, (await _h.Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].Band);
        Assert.Equal(crashPoint == "Transactions.MarkAppliedAsync" ? 0 : 2, recovered);
        Assert.Empty(await _h.Store.Transactions.ListPendingCustomerIdsAsync(DateTimeOffset.MaxValue, null, 10));
    }

    [Fact]
    public async Task RecoverAsync_CrashBetweenStoringAndThePipeline_AppliesEverythingOnce()
    {
        await IngestAsync(_h.Pipeline, Purchase("c1", 1_000m, -10));
        await _h.Store.Transactions.InsertNewAsync([Purchase("c1", 8_500m, -2), Purchase("c2", 100m, -2)]);

        Assert.Equal(2, await RecoverAllAsync());
        var again = await RecoverAllAsync();

        Assert.Equal(0, again);
        await AssertProfilesMatchRawHistoryAsync("c1", "c2");
        var latest = await _h.Store.Assessments.GetLatestAsync("c1");
        Assert.Equal(RiskTriggers.Recovery, latest!.Trigger);
        Assert.Equal(PipelineHarness.Start.AddDays(-2), latest.AssessedAt);
        Assert.Single(await _h.Store.Alerts.ListForCustomerAsync("c1", 10));
    }

    [Fact]
    public async Task RecoverAsync_RunTwiceAfterAnAlert_NoSecondAlertAndSameProfile()
    {
        await _h.Store.Transactions.InsertNewAsync([Purchase("c1", 9_500m, -2)]);
        await _h.Pipeline.RecoverAsync(["c1"]);
        var first = await _h.Store.Profiles.GetAsync("c1");

        await _h.NewInstance().RecoverAsync(["c1"]);

        JsonAssert.Equivalent(first! with { Version = 0 }, (await _h.Store.Profiles.GetAsync("c1"))! with { Version = 0 });
        Assert.Single(await _h.Store.Alerts.ListForCustomerAsync("c1", 10));
    }

    [Fact]
    public async Task ProcessTransactionsAsync_RecoveryAbsorbedTheBatchFirst_DoesNotCountItTwice()
    {
        // The request stored the batch; a recovery (a retry of the same batch, say) rebuilt the customer before the
        // request's own pipeline run got the customer's lock.
        var batch = new[] { Purchase("c1", 2_000m, -3), Purchase("c1", 3_000m, -2) };
        await _h.Store.Transactions.InsertNewAsync(batch);
        await _h.Pipeline.RecoverAsync(["c1"]);

        await _h.Pipeline.ProcessTransactionsAsync(batch);

        await AssertProfilesMatchRawHistoryAsync("c1");
        Assert.Equal(2, (await _h.Store.Profiles.GetAsync("c1"))!.TransactionCount);
    }

    [Fact]
    public async Task ProcessTransactionsAsync_StoredBatch_MarksItApplied()
    {
        var batch = new[] { Purchase("c1", 2_000m, -3), Purchase("c2", 3_000m, -2) };
        await _h.Store.Transactions.InsertNewAsync(batch);

        await _h.Pipeline.ProcessTransactionsAsync(batch);

        var stored = await _h.Store.Transactions.GetManyAsync([.. batch.Select(t => t.Id)]);
        Assert.All(stored.Values, t => Assert.Equal(PipelineHarness.Start, t.AppliedAt));
        Assert.Empty(await _h.Store.Transactions.ListPendingCustomerIdsAsync(DateTimeOffset.MaxValue, null, 10));
    }

    [Fact]
    public async Task RebuildProfileAsync_PendingTransactions_MarksWhatItAbsorbedSoTheBatchIsNotAppliedAgain()
    {
        var batch = new[] { Purchase("c1", 2_000m, -3) };
        await _h.Store.Transactions.InsertNewAsync(batch);

        var rebuilt = await _h.Pipeline.RebuildProfileAsync("c1");
        await _h.Pipeline.ProcessTransactionsAsync(batch);

        Assert.Equal(1, rebuilt.TransactionCount);
        Assert.Equal(1, (await _h.Store.Profiles.GetAsync("c1"))!.TransactionCount);
        Assert.NotNull((await _h.Store.Transactions.GetManyAsync([batch[0].Id]))[batch[0].Id].AppliedAt);
    }

    [Fact]
    public async Task ReassessAsync_CreditLimitRaised_SameMomentLowerBand()
    {
        var high = Assert.Single(await IngestAsync(_h.Pipeline, Purchase("c1", 9_500m, -2)));
        var customer = (await _h.Store.Customers.GetAsync("c1"))! with { CreditLimit = 50_000m };
        await _h.Store.Customers.UpsertManyAsync([customer]);

        var reassessed = Assert.Single(await _h.Pipeline.ReassessAsync(["c1"], RiskTriggers.Customer));

        Assert.Equal(RiskBand.High, high.Band);
        Assert.Equal(RiskBand.Low, reassessed.Band);
        Assert.Equal(high.AssessedAt, reassessed.AssessedAt);
        Assert.Equal(RiskTriggers.Customer, reassessed.Trigger);
        Assert.Equal(19, reassessed.Features.Single(f => f.Name == FeatureNames.UtilisationPct).Value!.Value, precision: 6);
    }

    [Fact]
    public async Task EscalationKey_SecondEscalationAfterDroppingBelowHigh_KeyedByTheLowAssessment()
    {
        await IngestAsync(_h.Pipeline, Purchase("c1", 9_500m, -30));
        var low = Assert.Single(await IngestAsync(_h.Pipeline, Tx("c1", 6_000m, TransactionType.Payment, -20)));
        await IngestAsync(_h.Pipeline, Purchase("c1", 6_000m, -10));

        var keys = (await _h.Store.Alerts.ListForCustomerAsync("c1", 10)).Select(a => a.EscalationKey).ToHashSet();

        Assert.Equal(["c1:none:High", $"c1:{low.Id}:High"], keys);
        Assert.All(await _h.Store.Alerts.ListForCustomerAsync("c1", 10), a => Assert.Equal(AlertStatus.Pending, a.Status));
    }

    [Fact]
    public async Task RecoverOrphansAsync_PendingReplays_WaitsForTheRunApplyingThemAndRecoversTheRest()
    {
        var inFlight = new TransactionsInFlight();
        var recovery = Recovery(graceSeconds: 0, inFlight);
        var orphan = Purchase("c1", 500m, -2) with { ReceivedAt = PipelineHarness.Start.AddMinutes(-1) };
        var beingApplied = Purchase("c2", 500m, -2) with { ReceivedAt = PipelineHarness.Start.AddSeconds(1) };
        await _h.Store.Transactions.InsertNewAsync([orphan, beingApplied]);
        _h.Time.Advance(TimeSpan.FromSeconds(5));
        var run = inFlight.Begin([beingApplied.Id]);
        var pending = (await _h.Store.Transactions.GetManyAsync([orphan.Id, beingApplied.Id])).Values.ToList();

        var replay = recovery.RecoverOrphansAsync(pending);
        await Task.Delay(100);
        var answeredBeforeTheRunEnded = replay.IsCompleted;
        await _h.Pipeline.ProcessTransactionsAsync([beingApplied]);
        run.Dispose();
        var recovered = await replay;

        Assert.False(answeredBeforeTheRunEnded);
        Assert.Equal(1, recovered);
        Assert.Equal(1, (await _h.Store.Profiles.GetAsync("c1"))!.TransactionCount);
        Assert.Equal(1, (await _h.Store.Profiles.GetAsync("c2"))!.TransactionCount);
        Assert.Equal(RiskTriggers.Transaction, (await _h.Store.Assessments.GetLatestAsync("c2"))!.Trigger);
        Assert.Empty(await _h.Store.Transactions.ListPendingCustomerIdsAsync(DateTimeOffset.MaxValue, null, 10));
    }

    [Fact]
    public async Task RecoverOrphansAsync_RunOfThisProcessEndedLeavingThemPending_RecoversThem()
    {
        // A run here that failed or timed out: nobody is applying them any more, so the replay must.
        var inFlight = new TransactionsInFlight();
        var recovery = Recovery(graceSeconds: 0, inFlight);
        var stranded = Purchase("c1", 500m, -2) with { ReceivedAt = PipelineHarness.Start.AddSeconds(1) };
        await _h.Store.Transactions.InsertNewAsync([stranded]);
        _h.Time.Advance(TimeSpan.FromSeconds(5));
        inFlight.Begin([stranded.Id]).Dispose();

        var recovered = await recovery.RecoverOrphansAsync([stranded]);

        Assert.Equal(1, recovered);
        Assert.Equal(1, (await _h.Store.Profiles.GetAsync("c1"))!.TransactionCount);
        Assert.Equal(RiskTriggers.Recovery, (await _h.Store.Assessments.GetLatestAsync("c1"))!.Trigger);
    }

    [Fact]
    public async Task RecoverOrphansAsync_WithinTheGracePeriod_LeavesThemUntilItHasPassed()
    {
        var recovery = Recovery(graceSeconds: 120);
        var orphan = Purchase("c1", 500m, -2) with { ReceivedAt = PipelineHarness.Start.AddMinutes(-1) };
        await _h.Store.Transactions.InsertNewAsync([orphan]);

        var early = await recovery.RecoverOrphansAsync([orphan]);
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        var late = await recovery.RecoverOrphansAsync([orphan]);
        var applied = await recovery.RecoverOrphansAsync([.. (await _h.Store.Transactions.GetManyAsync([orphan.Id])).Values]);

        Assert.Equal(0, early);
        Assert.Equal(1, late);
        Assert.Equal(0, applied);
        Assert.Equal(1, (await _h.Store.Profiles.GetAsync("c1"))!.TransactionCount);
    }

    private PendingRecovery Recovery(int graceSeconds, TransactionsInFlight? inFlight = null) => new(
        _h.Store,
        _h.NewInstance(),
        inFlight ?? new TransactionsInFlight(),
        Options.Create(new RiskPipelineOptions { RecoveryGraceSeconds = graceSeconds }),
        _h.Time,
        NullLogger<PendingRecovery>.Instance);

    /// <summary>What ingestion does: store, then run the pipeline on what was new.</summary>
    private async Task<IReadOnlyList<RiskAssessment>> IngestAsync(RiskPipeline pipeline, params Transaction[] batch)
    {
        var inserted = await _h.Store.Transactions.InsertNewAsync(batch);
        return await pipeline.ProcessTransactionsAsync(inserted);
    }

    private Task<int> RecoverAllAsync() => Recovery(graceSeconds: 0).RecoverAsync(DateTimeOffset.MaxValue);

    private async Task AssertProfilesMatchRawHistoryAsync(params string[] customerIds)
    {
        foreach (var id in customerIds)
        {
            var history = await _h.Store.Transactions.ListForCustomerAsync(id, PipelineHarness.Start.AddYears(-10), PipelineHarness.Start.AddYears(10));
            var expected = ProfileBuilder.Build(id, history, []);
            var stored = await _h.Store.Profiles.GetAsync(id);
            JsonAssert.Equivalent(expected, stored! with { Version = 0, UpdatedAt = default });
        }
    }

    private static Transaction Purchase(string customerId, decimal amount, int daysFromStart) =>
        Tx(customerId, amount, TransactionType.Purchase, daysFromStart);

    private static Transaction Tx(string customerId, decimal amount, TransactionType type, int daysFromStart) => new()
    {
        Id = $"r-{Interlocked.Increment(ref _sequence)}",
        CustomerId = customerId,
        Timestamp = PipelineHarness.Start.AddDays(daysFromStart),
        Amount = amount,
        Type = type,
        MerchantCategory = type == TransactionType.Purchase ? "5411" : null,
        ReceivedAt = PipelineHarness.Start,
    };
}
