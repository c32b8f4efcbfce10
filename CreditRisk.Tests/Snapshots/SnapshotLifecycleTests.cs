using CreditRisk.Core.Features;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Ingestion.Csv;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Snapshots;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Snapshots;

/// <summary>
/// A snapshot end to end on the real services: trained and promoted, imported and scored by the snapshot champion,
/// then taken over by the behavioural profile when raw transactions arrive.
/// </summary>
public sealed class SnapshotLifecycleTests : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2026, 11, 30);
    private TemporaryStore _store = null!;

    public async Task InitializeAsync() => _store = await TemporaryStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private T Get<T>()
        where T : notnull => _store.Services.GetRequiredService<T>();

    private async Task<ModelReport> TrainAsync(string path, bool promote)
    {
        var result = await Get<SnapshotTrainer>().TrainAsync(path, new TrainingRequest { CreatedBy = "test", Promote = promote, Seed = 3 });
        Assert.True(result.Report is not null, string.Join("; ", result.File.Problems));
        return result.Report;
    }

    [Fact]
    public async Task Train_FromSnapshot_RegistersSnapshotVersionWithEveryModelAndPromotesItForItsFamilyOnly()
    {
        var path = _store.WriteFile("snapshot.csv", SnapshotSamples.Csv(1200));

        var report = await TrainAsync(path, promote: false);

        Assert.True(report.Models.Ensemble.Auc > 0.7, $"ensemble AUC {report.Models.Ensemble.Auc}");
        Assert.NotNull(report.Models.Challenger);
        var version = await _store.Store.Models.GetAsync(report.Version);
        Assert.Equal(SnapshotFeatures.Ordered, version!.FeatureNames);
        Assert.Equal(new[] { "challenger", "ensemble", "logistic", "tree" }, version.Metrics.Keys.Order());
        Assert.Equal("DPD bucket next month >= 1", version.TrainingSummary["label"]);
        Assert.False(version.IsChampion);

        await Get<ModelPromotionService>().PromoteAsync(report.Version);

        var listed = Assert.Single(await _store.Store.Models.ListAsync());
        Assert.True(listed.IsChampion);
        Assert.Null(await _store.Store.Models.GetChampionAsync()); // the behavioural champion: still none
        var champion = await Get<SnapshotChampionProvider>().GetChampionAsync();
        Assert.Equal(report.Version, champion!.Version);
        Assert.Null(await Get<IChampionModelProvider>().GetChampionAsync()); // never handed to behavioural customers
    }

    [Fact]
    public async Task Train_LabelFromBucketTwo_CountsOnlyBucketsTwoAndUp()
    {
        var csv = SnapshotSamples.Csv(1500, seed: 4);
        var path = _store.WriteFile("snapshot.csv", csv);
        var expected = csv.Split('\n').Skip(1).Count(l => l.Length > 0 && l[^1] is '2' or '3');

        var result = await Get<SnapshotTrainer>().TrainAsync(path, new TrainingRequest { CreatedBy = "test" }, labelFromBucket: 2);

        Assert.Equal(expected, result.Report!.Positives);
        Assert.Equal(2, result.LabelFromBucket);
    }

    [Fact]
    public async Task Import_ThenATransactionThenAStatement_ScoredFromSnapshotUntilTheStatementHandsOverToBehaviour()
    {
        var model = await TrainAsync(_store.WriteFile("train.csv", SnapshotSamples.Csv(1200)), promote: true);
        var path = _store.WriteFile("scoring.csv", SnapshotSamples.Header + "\n"
            + SnapshotSamples.Row("N-1", utilisation: "97", minDue: "90", cash: "55", spend: "-75", mix: "0.1", payment: "5", bucket: "") + "\n"
            + SnapshotSamples.Row("N-2", utilisation: "10", minDue: "0", cash: "0", payment: "100", bucket: "") + "\n");

        var report = await Get<SnapshotImporter>().ImportAsync(path, AsOf);

        Assert.True(report.Succeeded, string.Join("; ", report.Problems));
        Assert.Equal((2L, 2L), (report.File.New, report.File.Imported));
        var risky = await _store.Store.Assessments.GetLatestAsync("N-1");
        Assert.Equal(RiskTriggers.Snapshot, risky!.Trigger);
        Assert.Equal(model.Version, risky.ModelVersion);
        Assert.Equal(SnapshotFeatures.Ordered, risky.Features.Select(f => f.Name));
        Assert.Equal(0.9, risky.Features.Single(f => f.Name == FeatureNames.MinDuePaidFreq6c).Value);
        Assert.Equal(RiskBand.High, risky.Band);
        Assert.Contains(risky.RuleHits, h => h.RuleId == Core.Rules.RuleIds.UtilisationHigh && h.Reason.Contains("snapshot of 2026-11-30"));
        Assert.Contains(risky.RuleHits, h => h.RuleId == Core.Rules.RuleIds.MerchantMixCrash);
        Assert.Equal(4, risky.Reasons.Count); // five rules fired: the first four are the reasons
        Assert.NotNull(risky.ModelBand);
        var safe = await _store.Store.Assessments.GetLatestAsync("N-2");
        Assert.True(safe!.EnsembleProbability < risky.EnsembleProbability);
        Assert.Empty(safe.RuleHits);
        Assert.Contains(safe.Reasons, r => r.StartsWith("The model estimates", StringComparison.Ordinal));
        Assert.Equal(model.Version, safe.ModelVersion);
        var current = await _store.Store.Assessments.GetCurrentManyAsync(["N-1", "N-2"]);
        Assert.Equal(2, current.Count); // in the grid's rows
        Assert.Equal(RiskSource.Snapshot, (await Get<RiskSourceService>().GetAsync("N-1")).Source);
        var customer = await _store.Store.Customers.GetAsync("N-1");
        Assert.Equal((100_000m, "", false), (customer!.CreditLimit, customer.Phone, customer.WhatsAppOptIn));

        // The nightly re-score keeps scoring from the snapshot while no raw data has come.
        var rescored = await Get<RiskPipeline>().RescoreAsync("N-1", DateTimeOffset.UtcNow);
        Assert.Equal(model.Version, rescored.ModelVersion);

        await using var scope = _store.Services.CreateAsyncScope();
        var ingested = await scope.ServiceProvider.GetRequiredService<IngestionService>().IngestTransactionsAsync(
        [
            new TransactionInput
            {
                TransactionId = "T-N-1", CustomerId = "N-1", Timestamp = DateTimeOffset.UtcNow.AddHours(-2), Amount = 500m,
                Type = "purchase", MerchantCategory = "5411", MerchantId = "M-1", Channel = "pos",
            },
        ]);

        Assert.Empty(ingested.Errors);

        // A transaction alone leaves the snapshot scoring: the profile's balance would start from this one purchase
        // (500 of a 100,000 limit), and the customer the snapshot shows at 97% would read as 0.5% used.
        var afterPurchase = await _store.Store.Assessments.GetLatestAsync("N-1");
        Assert.Equal((RiskTriggers.Transaction, RiskBand.High, model.Version), (afterPurchase!.Trigger, afterPurchase.Band, afterPurchase.ModelVersion));
        Assert.Equal(SnapshotFeatures.Ordered, afterPurchase.Features.Select(f => f.Name));
        Assert.Equal(RiskSource.Snapshot, (await Get<RiskSourceService>().GetAsync("N-1")).Source);

        var statement = await scope.ServiceProvider.GetRequiredService<IngestionService>().IngestStatementsAsync(
        [
            new StatementInput
            {
                CustomerId = "N-1", StatementDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), CreditLimit = 100_000m, Balance = 96_500m,
                MinimumDue = 4_825m, DueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)), AmountPaid = 0m, DaysPastDue = 0,
            },
        ]);
        Assert.Empty(statement.Errors);
        var takenOver = await _store.Store.Assessments.GetLatestAsync("N-1");
        Assert.Equal(RiskTriggers.Statement, takenOver!.Trigger);
        Assert.Null(takenOver.ModelVersion); // no behavioural champion: the snapshot model never scores a behavioural vector
        Assert.Equal(FeatureNames.Ordered, takenOver.Features.Select(f => f.Name));
        var source = await Get<RiskSourceService>().GetAsync("N-1");
        Assert.Equal((RiskSource.Behaviour, AsOf), (source.Source, source.Snapshot!.AsOf));
        Assert.Equal(model.Version, (await _store.Store.Assessments.GetLatestAsync("N-2"))!.ModelVersion);
    }

    [Fact]
    public async Task Import_SnapshotModelOnlyAChallenger_RulesAloneDecideAndTheReasonNamesTheSnapshotChampion()
    {
        await TrainAsync(_store.WriteFile("train.csv", SnapshotSamples.Csv(1200)), promote: false);
        var path = _store.WriteFile("scoring.csv", SnapshotSamples.Header + "\n"
            + SnapshotSamples.Row("N-1", utilisation: "10", minDue: "0", cash: "0", payment: "100", bucket: "") + "\n");

        var report = await Get<SnapshotImporter>().ImportAsync(path, AsOf);

        Assert.True(report.Succeeded, string.Join("; ", report.Problems));
        var assessment = await _store.Store.Assessments.GetLatestAsync("N-1");
        Assert.Null(assessment!.ModelVersion);
        Assert.Null(assessment.EnsembleProbability);
        Assert.Equal([RiskReasons.NoRuleFired, RiskReasons.NoSnapshotModel], assessment.Reasons);
        Assert.DoesNotContain(assessment.Reasons, r => r == RiskReasons.NoModel);
    }

    [Fact]
    public async Task Import_BadRow_NothingWritten()
    {
        var path = _store.WriteFile("bad.csv", SnapshotSamples.Header + "\n" + SnapshotSamples.Row("N-1") + "\n" + SnapshotSamples.Row("N-2", cash: "140") + "\n");

        var report = await Get<SnapshotImporter>().ImportAsync(path, AsOf);

        Assert.Equal(CsvFileStatus.Invalid, report.File.Status);
        Assert.Equal((3L, "Cash Withdrawal %"), (report.File.FirstProblem!.Line, report.File.FirstProblem.Column));
        Assert.Equal(0, await _store.Store.Customers.CountAsync());
        Assert.Equal(0, await Get<ICustomerSnapshotRepository>().CountAsync());
    }
}
