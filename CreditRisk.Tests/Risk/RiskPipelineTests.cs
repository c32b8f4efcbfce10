using CreditRisk.Core.Alerts;
using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Risk;

public sealed class RiskPipelineTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await PipelineHarness.CreateAsync();
        await _h.AddCustomersAsync("c1", "c2");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ProcessTransactionsAsync_UtilisationAbove90_HighWithReasonAndOnePendingAlert()
    {
        var assessment = Assert.Single(await ProcessAsync(Purchase("c1", 6_000m, -3), Purchase("c1", 3_400m, -2)));

        Assert.Equal(RiskBand.High, assessment.Band);
        Assert.Equal(RiskBand.High, assessment.RuleBand);
        Assert.Null(assessment.PreviousBand);
        Assert.Equal("Utilisation 94% is above 90%", Assert.Single(assessment.RuleHits).Reason);
        Assert.Equal("Utilisation 94% is above 90%", assessment.Reasons[0]);
        Assert.Equal(RiskTriggers.Transaction, assessment.Trigger);
        var alert = Assert.Single(await _h.Store.Alerts.ListForCustomerAsync("c1", 10));
        Assert.Equal(AlertStatus.Pending, alert.Status);
        Assert.Equal("c1:none:High", alert.EscalationKey);
        // The customer reads the alert's reason: their words, not the staff threshold.
        Assert.Equal("Your balance is 94% of your credit limit", alert.Reason);
        Assert.Equal(RiskPipeline.AlertActor, alert.TriggeredBy);
        Assert.Equal(RiskBand.High, (await _h.Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].Band);
    }

    [Fact]
    public async Task ProcessTransactionsAsync_DefaultConfirmation_OneDaySpikeIgnoredASustainedOneFires()
    {
        Assert.Equal(RuleSettingsUpdateStatus.Saved, (await _h.Rules.UpdateAsync(new RuleSettings(), 0, "test")).Status);

        var spike = Assert.Single(await ProcessAsync(Purchase("c1", 9_400m, -1)));
        await ProcessAsync(Purchase("c2", 9_400m, -10));
        var sustained = Assert.Single(await ProcessAsync(Purchase("c2", 100m, -1)));

        Assert.Empty(spike.RuleHits);
        Assert.Equal(RiskBand.Low, spike.Band);
        var hit = Assert.Single(sustained.RuleHits);
        Assert.Equal(RuleIds.UtilisationHigh, hit.RuleId);
        Assert.EndsWith("(on 2 of the last 3 weekly checks)", hit.Reason, StringComparison.Ordinal);
        Assert.Equal(RiskBand.High, sustained.Band); // no model registered: the confirmed rules decide
    }

    [Fact]
    public async Task ProcessTransactionsAsync_MoreHighRiskTransactions_NoSecondAlert()
    {
        await ProcessAsync(Purchase("c1", 9_400m, -3));

        var again = Assert.Single(await ProcessAsync(Purchase("c1", 300m, -2)));
        await ProcessAsync(Tx("c1", 200m, TransactionType.CashWithdrawal, -1));

        Assert.Equal(RiskBand.High, again.Band);
        Assert.Equal(RiskBand.High, again.PreviousBand);
        Assert.Single(await _h.Store.Alerts.ListForCustomerAsync("c1", 10));
        Assert.Equal(3, (await _h.Store.Assessments.ListHistoryAsync("c1", 10)).Count);
    }

    [Fact]
    public async Task ProcessTransactionsAsync_BackToLowThenHighAgain_SecondEscalationSecondAlert()
    {
        await ProcessAsync(Purchase("c1", 9_400m, -30));
        var low = Assert.Single(await ProcessAsync(Tx("c1", 5_000m, TransactionType.Payment, -20)));
        var high = Assert.Single(await ProcessAsync(Purchase("c1", 5_000m, -10)));

        Assert.Equal(RiskBand.Low, low.Band);
        Assert.Equal(RiskBand.High, high.Band);
        Assert.Equal(RiskBand.Low, high.PreviousBand);
        var alerts = await _h.Store.Alerts.ListForCustomerAsync("c1", 10);
        Assert.Equal(2, alerts.Count);
        Assert.Contains(alerts, a => a.EscalationKey == $"c1:{low.Id}:High");
    }

    [Fact]
    public async Task ProcessTransactionsAsync_NoModel_AssessmentSaysRulesAloneDecided()
    {
        var assessment = Assert.Single(await ProcessAsync(Purchase("c1", 100m, -1)));

        Assert.Equal(RiskBand.Low, assessment.Band);
        Assert.Null(assessment.ModelVersion);
        Assert.Null(assessment.EnsembleProbability);
        Assert.Null(assessment.ModelBand);
        Assert.Equal(["No expert rule fired", "No champion model is registered; the expert rules alone decided"], assessment.Reasons);
        Assert.Empty(await _h.Store.Alerts.ListForCustomerAsync("c1", 10));
    }

    [Fact]
    public async Task ProcessTransactionsAsync_ChampionModelSaysHigh_CombinedBandHighWithModelVersion()
    {
        var model = new StubModel(0.7);
        _h.Model = model;

        var assessment = Assert.Single(await ProcessAsync(Purchase("c1", 100m, -1)));

        Assert.Equal(RiskBand.Low, assessment.RuleBand);
        Assert.Equal(RiskBand.High, assessment.ModelBand);
        Assert.Equal(RiskBand.High, assessment.Band);
        Assert.Equal("m-1", assessment.ModelVersion);
        Assert.Equal(0.7, assessment.EnsembleProbability);
        Assert.Equal(["The model estimates a 70.0% probability of delinquency (model band High)", "Utilisation raises the model's risk estimate"], assessment.Reasons);
        Assert.DoesNotContain(assessment.Reasons, r => r.Contains("m-1", StringComparison.Ordinal));
        Assert.Equal(FeatureIndex.Count, model.LastVectorLength);
        Assert.Single(await _h.Store.Alerts.ListForCustomerAsync("c1", 10));
    }

    [Fact]
    public async Task ProcessTransactionsAsync_KeptHighWhileTheModelSaysMedium_FirstReasonSaysWhy()
    {
        _h.Model = new StubModel(0.7);
        await ProcessAsync(Purchase("c1", 100m, -3));
        _h.Model = new StubModel(0.2);

        var held = Assert.Single(await ProcessAsync(Purchase("c1", 100m, -2)));
        _h.Model = new StubModel(0.01);
        var low = Assert.Single(await ProcessAsync(Purchase("c1", 100m, -1)));

        Assert.Equal((RiskBand.High, RiskBand.Medium), (held.Band, held.ModelBand));
        Assert.Equal(RiskReasons.HeldHigh, held.Reasons[0]);
        Assert.Equal("The model estimates a 20.0% probability of delinquency (model band Medium)", held.Reasons[1]);
        Assert.Equal(RiskBand.Low, low.Band);
        Assert.DoesNotContain(RiskReasons.HeldHigh, low.Reasons);
    }

    [Fact]
    public async Task ProcessTransactionsAsync_ModelWithOtherFeatures_IgnoredAndRulesDecide()
    {
        _h.Model = new StubModel(0.9, ["something_else"]);

        var assessment = Assert.Single(await ProcessAsync(Purchase("c1", 100m, -1)));

        Assert.Equal(RiskBand.Low, assessment.Band);
        Assert.Null(assessment.ModelVersion);
    }

    [Fact]
    public async Task ProcessStatementsAsync_MinimumDueOnlyWithHighUtilisation_HighFromStatementsAlone()
    {
        var today = DateOnly.FromDateTime(PipelineHarness.Start.UtcDateTime);
        List<Statement> statements = [.. Enumerable.Range(1, 4).Select(i => Statement("c1", today.AddDays(-30 * i), 8_000m, 200m, 200m))];

        var assessment = Assert.Single(await _h.Pipeline.ProcessStatementsAsync(statements));

        Assert.Equal(RiskTriggers.Statement, assessment.Trigger);
        Assert.Equal(RiskBand.High, assessment.Band);
        Assert.Equal(
            "Only the minimum due or less was paid for 3 consecutive cycles (more than 2) with utilisation 80% above 75%",
            Assert.Single(assessment.RuleHits).Reason);
        Assert.Null(assessment.Features.Single(f => f.Name == FeatureNames.CashWithdrawalPct30d).Value);
    }

    [Fact]
    public async Task ProcessStatementsAsync_CorrectionStoredLastButAppliedFirst_TheProfileKeepsTheStoredCorrection()
    {
        var date = DateOnly.FromDateTime(PipelineHarness.Start.UtcDateTime).AddDays(-30);
        var original = Statement("c1", date, 9_000m, 500m, paid: 0m);
        var correction = original with { AmountPaid = 9_000m };

        // Request A stores the original, request B the correction; B's run takes the customer's lock first.
        await _h.Store.Statements.UpsertManyAsync([original]);
        await _h.Store.Statements.UpsertManyAsync([correction]);
        await _h.Pipeline.ProcessStatementsAsync([correction]);
        await _h.Pipeline.ProcessStatementsAsync([original]);

        Assert.Equal(9_000m, (await _h.Store.Profiles.GetAsync("c1"))!.Cycles.Single().AmountPaid);
    }

    [Fact]
    public async Task RescoreAsync_CustomerStoppedSpending_SpendDropDetectedWithoutNewTransactions()
    {
        var transactions = Enumerable.Range(0, 40).Select(d => Purchase("c1", 50m, -100 + d)).ToArray();
        var before = Assert.Single(await ProcessAsync(transactions));

        var later = await _h.Pipeline.RescoreAsync("c1", PipelineHarness.Start.AddDays(-25));

        Assert.Equal(RiskBand.Low, before.Band);
        Assert.Equal(RiskTriggers.Rescore, later.Trigger);
        Assert.Equal(RiskBand.Medium, later.Band);
        Assert.Equal(RuleIds.SpendDrop, Assert.Single(later.RuleHits).RuleId);
        Assert.Equal("Spend fell 100% in the last 30 days versus the 30 days before, more than 60%", later.Reasons[0]);
        Assert.Equal(PipelineHarness.Start.AddDays(-25), later.AssessedAt);

        // The data it describes is 25 days old; the score itself was computed now, and both are kept.
        Assert.Equal(_h.Time.GetUtcNow(), later.ComputedAt);
        Assert.Equal(later.ComputedAt, (await _h.Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].ComputedAt);
    }

    [Fact]
    public async Task RescoreAsync_AsOfBeforeANewerAssessment_SpeaksForTheNewerMomentAndRaisesNoSecondAlert()
    {
        // The nightly job fixed its moment at 23:55; it reaches the customer at 00:20, after a purchase at 00:05 made them High.
        var jobStart = new DateTimeOffset(2026, 3, 2, 23, 55, 0, TimeSpan.Zero);
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 3, 0, 10, 0, TimeSpan.Zero));
        var live = Assert.Single(await ProcessAsync(Purchase("c1", 9_500m, 0) with { Timestamp = jobStart.AddMinutes(10) }));
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 3, 0, 20, 0, TimeSpan.Zero));

        var rescored = await _h.Pipeline.RescoreAsync("c1", jobStart);
        var next = Assert.Single(await ProcessAsync(Purchase("c1", 10m, 0) with { Timestamp = jobStart.AddMinutes(30) }));

        Assert.Equal(RiskBand.High, live.Band);
        Assert.Equal(RiskBand.High, rescored.Band);
        Assert.Equal(live.AssessedAt, rescored.AssessedAt);
        Assert.Equal(RiskBand.High, next.PreviousBand);
        Assert.Single(await _h.Store.Alerts.ListForCustomerAsync("c1", 10));
    }

    [Fact]
    public async Task RescoreManyAsync_UtilisationCrossedByLowerThreshold_EscalatesWithOneAlertEach()
    {
        await ProcessAsync(Purchase("c1", 8_600m, -2), Purchase("c2", 8_700m, -2));
        var current = await _h.Rules.GetAsync();
        await _h.Rules.UpdateAsync(current.Settings with { UtilisationHighPct = 85 }, current.Version, "alice");

        var rescored = await _h.Pipeline.RescoreManyAsync(["c1", "c2", "c1"], PipelineHarness.Start);

        Assert.Equal(["c1", "c2"], rescored.Select(a => a.CustomerId));
        Assert.All(rescored, a => Assert.Equal(RiskBand.High, a.Band));
        Assert.Equal("Utilisation 86% is above 85%", rescored[0].Reasons[0]);
        Assert.Single(await _h.Store.Alerts.ListForCustomerAsync("c1", 10));
        Assert.Single(await _h.Store.Alerts.ListForCustomerAsync("c2", 10));
    }

    [Fact]
    public async Task RescoreAsync_UnknownCustomer_LowWithEveryFeatureMissing()
    {
        var assessment = await _h.Pipeline.RescoreAsync("nobody", PipelineHarness.Start);

        Assert.Equal(RiskBand.Low, assessment.Band);
        Assert.All(assessment.Features, f => Assert.Null(f.Value));
    }

    [Fact]
    public async Task ProcessTransactionsAsync_TwoCustomers_OneAssessmentEachAndEventsPublished()
    {
        var received = new List<RiskAssessed>();
        var both = new TaskCompletionSource();
        using var subscription = _h.Events.Subscribe((e, _) =>
        {
            lock (received)
            {
                received.Add(e);
                if (received.Count == 2)
                {
                    both.TrySetResult();
                }
            }

            return ValueTask.CompletedTask;
        });

        var assessments = await ProcessAsync(Purchase("c1", 9_500m, -2), Purchase("c2", 10m, -2), Purchase("c1", 1m, -1));
        await both.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["c1", "c2"], assessments.Select(a => a.CustomerId));
        var c1 = Assert.Single(received, e => e.Assessment.CustomerId == "c1");
        Assert.True(c1.EscalatedToHigh);
        Assert.NotNull(c1.AlertId);
        Assert.False(Assert.Single(received, e => e.Assessment.CustomerId == "c2").EscalatedToHigh);
    }

    [Fact]
    public async Task ProcessTransactionsAsync_SubscriberNeverReturns_PipelineCarriesOn()
    {
        var stuck = new TaskCompletionSource();
        using var subscription = _h.Events.Subscribe(async (_, _) => await stuck.Task);

        for (var i = 0; i < 5; i++)
        {
            await ProcessAsync(Purchase("c1", 10m, -10 + i));
        }

        Assert.Equal(5, (await _h.Store.Assessments.ListHistoryAsync("c1", 10)).Count);
        stuck.SetResult();
    }

    [Fact]
    public async Task RebuildProfileAsync_AfterProcessing_EqualsBatchRecomputation()
    {
        var transactions = new[] { Purchase("c1", 10m, -5), Tx("c1", 3m, TransactionType.Refund, -4), Purchase("c1", 7.5m, -300) };
        await _h.Store.Transactions.InsertNewAsync(transactions);
        await _h.Pipeline.ProcessTransactionsAsync(transactions[..2]);

        var rebuilt = await _h.Pipeline.RebuildProfileAsync("c1");

        var stored = await _h.Store.Profiles.GetAsync("c1");
        Assert.Equal(2, stored!.Version);
        Assert.Equal(3, rebuilt.TransactionCount);
        JsonAssert.Equivalent(Normalise(ProfileBuilder.Build("c1", transactions, [])), Normalise(stored));
    }

    private static BehaviorProfile Normalise(BehaviorProfile profile) => profile with { Version = 0, UpdatedAt = default };

    private Task<IReadOnlyList<RiskAssessment>> ProcessAsync(params Transaction[] transactions) =>
        _h.Pipeline.ProcessTransactionsAsync(transactions);

    private static int _sequence;

    private static Transaction Purchase(string customerId, decimal amount, int daysFromStart) =>
        Tx(customerId, amount, TransactionType.Purchase, daysFromStart);

    private static Transaction Tx(string customerId, decimal amount, TransactionType type, int daysFromStart) => new()
    {
        Id = $"p-{Interlocked.Increment(ref _sequence)}",
        CustomerId = customerId,
        Timestamp = PipelineHarness.Start.AddDays(daysFromStart),
        Amount = amount,
        Type = type,
        MerchantCategory = type == TransactionType.Purchase ? "5411" : null,
    };

    private static Statement Statement(string customerId, DateOnly date, decimal balance, decimal minimumDue, decimal paid) => new()
    {
        Id = Core.Statements.Statement.KeyFor(customerId, date),
        CustomerId = customerId,
        StatementDate = date,
        CreditLimit = 10_000m,
        Balance = balance,
        MinimumDue = minimumDue,
        DueDate = date.AddDays(20),
        AmountPaid = paid,
        DaysPastDue = 0,
    };

    private sealed class StubModel(double probability, IReadOnlyList<string>? names = null) : IRiskModel
    {
        public int LastVectorLength { get; private set; }

        public string Version => "m-1";

        public IReadOnlyList<string> FeatureNames { get; } = names ?? Core.Features.FeatureNames.Ordered;

        public ModelScore Score(ReadOnlySpan<double?> features)
        {
            LastVectorLength = features.Length;
            return new ModelScore(
                probability,
                probability,
                probability,
                [new FeatureContribution(Core.Features.FeatureNames.UtilisationPct, 0.4), new FeatureContribution(Core.Features.FeatureNames.PaymentRatio, -0.1)]);
        }
    }
}
