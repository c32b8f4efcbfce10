using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Features;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Snapshots;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Snapshots;

/// <summary>
/// The import's bulk path (<see cref="SnapshotBatchWriter"/>) against the path it replaced: the same rows stored as
/// customers and snapshots one repository at a time, then re-assessed by <see cref="RiskPipeline.ReassessAsync"/>.
/// Both run in one store under different customer ids, so every difference in what they store shows.
/// </summary>
public sealed class SnapshotBatchWriterTests : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2026, 11, 30);
    private TemporaryStore _store = null!;

    public async Task InitializeAsync() => _store = await TemporaryStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private T Get<T>()
        where T : notnull => _store.Services.GetRequiredService<T>();

    [Fact]
    public async Task Import_SnapshotCustomers_StoresWhatThePipelineStores()
    {
        var trained = await Get<SnapshotTrainer>().TrainAsync(
            _store.WriteFile("train.csv", SnapshotSamples.Csv(1200)), new TrainingRequest { CreatedBy = "test", Promote = true, Seed = 3 });
        Assert.NotNull(trained.Report);
        const int Rows = 80;
        var bulkFile = _store.WriteFile("bulk.csv", SnapshotSamples.Csv(Rows, seed: 9, prefix: "B"));
        var pipelineFile = _store.WriteFile("pipeline.csv", SnapshotSamples.Csv(Rows, seed: 9, prefix: "P"));
        var ids = Enumerable.Range(1, Rows).Select(i => $"{i:D4}").ToList();

        // Twice: the second time every customer has a prior band (hysteresis, the previous band, no second alert).
        for (var round = 1; round <= 2; round++)
        {
            var report = await Get<SnapshotImporter>().ImportAsync(bulkFile, AsOf);
            Assert.True(report.Succeeded, string.Join("; ", report.Problems));
            await StoreAndReassessAsBeforeAsync(pipelineFile);

            var bulk = await LatestAsync(ids.Select(i => "B" + i));
            var reference = await LatestAsync(ids.Select(i => "P" + i));
            foreach (var i in ids)
            {
                Assert.Equal(Comparable(reference["P" + i]), Comparable(bulk["B" + i]));
            }

            var bulkCurrent = await _store.Store.Assessments.GetCurrentManyAsync([.. ids.Select(i => "B" + i)]);
            var referenceCurrent = await _store.Store.Assessments.GetCurrentManyAsync([.. ids.Select(i => "P" + i)]);
            Assert.Equal(Rows, bulkCurrent.Count);
            foreach (var i in ids)
            {
                var (b, p) = (bulkCurrent["B" + i], referenceCurrent["P" + i]);
                Assert.Equal((p.Band, p.Score, p.ModelVersion, string.Join("|", p.Reasons), string.Join("|", p.RuleIds)),
                    (b.Band, b.Score, b.ModelVersion, string.Join("|", b.Reasons), string.Join("|", b.RuleIds)));
            }

            foreach (var i in ids)
            {
                Assert.Equal(Alerts(await _store.Store.Alerts.ListForCustomerAsync("P" + i, 10), "P" + i),
                    Alerts(await _store.Store.Alerts.ListForCustomerAsync("B" + i, 10), "B" + i));
                var (b, p) = ((await _store.Store.Customers.GetAsync("B" + i))!, (await _store.Store.Customers.GetAsync("P" + i))!);
                Assert.Equal((p.CreditLimit, p.Phone, p.OpenedOn, p.WhatsAppOptIn), (b.CreditLimit, b.Phone, b.OpenedOn, b.WhatsAppOptIn));
                Assert.Equal("B" + i, b.FullName);
            }

            // The comparison means something only if both outcomes occur.
            Assert.Contains(bulk.Values, a => a.Band == RiskBand.High);
            Assert.Contains(bulk.Values, a => a.Band != RiskBand.High);
            Assert.Equal(round == 1 ? 0 : Rows, bulk.Values.Count(a => a.PreviousBand is not null));
        }
    }

    [Fact]
    public async Task Import_CustomerTakenOverByAStatement_ReassessedFromBehaviourWithTheNewLimit()
    {
        var file = _store.WriteFile("one.csv", SnapshotSamples.Header + "\n" + SnapshotSamples.Row("N-1", utilisation: "97") + "\n");
        Assert.True((await Get<SnapshotImporter>().ImportAsync(file, AsOf)).Succeeded);
        await using (var scope = _store.Services.CreateAsyncScope())
        {
            var ingested = await scope.ServiceProvider.GetRequiredService<IngestionService>().IngestStatementsAsync(
            [
                new StatementInput
                {
                    CustomerId = "N-1", StatementDate = AsOf.AddDays(1), CreditLimit = 100_000m, Balance = 97_000m, MinimumDue = 4_850m,
                    DueDate = AsOf.AddDays(21), AmountPaid = 0m, DaysPastDue = 0,
                },
            ]);
            Assert.Empty(ingested.Errors);
        }

        var again = _store.WriteFile("again.csv", SnapshotSamples.Header + "\n" + SnapshotSamples.Row("N-1", limit: "120000", utilisation: "97") + "\n");
        var report = await Get<SnapshotImporter>().ImportAsync(again, AsOf);

        Assert.True(report.Succeeded, string.Join("; ", report.Problems));
        var latest = (await _store.Store.Assessments.GetLatestAsync("N-1"))!;
        Assert.Equal(RiskTriggers.Snapshot, latest.Trigger);
        Assert.Equal(FeatureNames.Ordered, latest.Features.Select(f => f.Name)); // the profile's features, not the row's
        Assert.Equal(120_000m, (await _store.Store.Customers.GetAsync("N-1"))!.CreditLimit);
        Assert.Equal(120_000m, (await Get<ICustomerSnapshotRepository>().GetAsync("N-1"))!.CreditLimit);
        Assert.Equal(RiskSource.Behaviour, (await Get<RiskSourceService>().GetAsync("N-1")).Source);
    }

    [Fact]
    public async Task Import_NextMonthsSnapshot_IsDatedAtItsOwnAsOfDayWithTheFieldsOfEveryAssessment()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = _store.WriteFile("m1.csv", SnapshotSamples.Header + "\n" + SnapshotSamples.Row("M-1", utilisation: "40") + "\n");
        var second = _store.WriteFile("m2.csv", SnapshotSamples.Header + "\n" + SnapshotSamples.Row("M-1", utilisation: "97") + "\n");
        Assert.True((await Get<SnapshotImporter>().ImportAsync(first, today.AddDays(-40))).Succeeded);

        Assert.True((await Get<SnapshotImporter>().ImportAsync(second, today.AddDays(-1))).Succeeded);

        // Dated at the last import, the change fell outside the dashboard's 30-day trend and band migration.
        var history = await _store.Store.Assessments.ListHistoryAsync("M-1", 10);
        Assert.Equal(
            [new DateTimeOffset(today.AddDays(-1).ToDateTime(new TimeOnly(23, 59, 59, 999)), TimeSpan.Zero),
             new DateTimeOffset(today.AddDays(-40).ToDateTime(new TimeOnly(23, 59, 59, 999)), TimeSpan.Zero)],
            history.Select(a => a.AssessedAt));
        Assert.All(history, a => Assert.NotNull(a.ComputedAt));
        Assert.All(history, a => Assert.NotNull(a.EscalationBasis));
    }

    /// <summary>The importer's writes before the bulk path: records, snapshots, then the pipeline's re-assessment.</summary>
    private async Task StoreAndReassessAsBeforeAsync(string path)
    {
        var now = DateTimeOffset.UtcNow;
        var rows = SnapshotFile.Read(path, AsOf, now, requireLabel: false, maxCreditLimit: 1_000_000_000m).Snapshots;
        var known = await _store.Store.Customers.GetManyAsync([.. rows.Select(s => s.CustomerId)]);
        await _store.Store.Customers.UpsertManyAsync([.. rows.Where(s => !known.ContainsKey(s.CustomerId)).Select(s => new Customer
        {
            Id = s.CustomerId, FullName = s.CustomerId, Phone = "", CreditLimit = s.CreditLimit, OpenedOn = s.AsOf, CreatedAt = now, UpdatedAt = now,
        })]);
        await Get<ICustomerSnapshotRepository>().UpsertManyAsync(rows);
        await Get<RiskPipeline>().ReassessAsync([.. rows.Select(s => s.CustomerId)], RiskTriggers.Snapshot);
    }

    private async Task<Dictionary<string, RiskAssessment>> LatestAsync(IEnumerable<string> customerIds)
    {
        var latest = new Dictionary<string, RiskAssessment>(StringComparer.Ordinal);
        foreach (var id in customerIds)
        {
            var history = await _store.Store.Assessments.ListHistoryAsync(id, 10);
            latest[id] = history[0];
        }

        return latest;
    }

    /// <summary>Everything but the ids and the moment (the two paths ran at different times).</summary>
    private static string Comparable(RiskAssessment a) => System.Text.Json.JsonSerializer.Serialize(a with
    {
        Id = "",
        CustomerId = "",
        AssessedAt = default,
        ComputedAt = null,
        EscalationBasis = a.EscalationBasis == a.Id ? "own id" : a.EscalationBasis is null or EscalationKeys.NoPrior ? a.EscalationBasis : "earlier id",
    });

    /// <summary>An alert's content; of its key, whose customer and band it names and whether it escalates from no prior state.</summary>
    private static List<string> Alerts(IReadOnlyList<Alert> alerts, string customerId) =>
        [.. alerts.Select(a => string.Join("|", a.Reason, a.TemplateName, a.Status, a.TriggeredBy, Key(a.EscalationKey, customerId)))];

    private static string Key(string? key, string customerId) => key?.Split(':') is [var customer, var basis, var band]
        ? $"{customer == customerId}:{(basis == EscalationKeys.NoPrior ? basis : "prior")}:{band}"
        : "no key";
}
