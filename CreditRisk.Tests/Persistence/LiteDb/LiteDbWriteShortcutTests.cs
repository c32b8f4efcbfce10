using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using LiteDB;

namespace CreditRisk.Tests.Persistence.LiteDb;

/// <summary>
/// The embedded store's write shortcuts answer from what this process wrote instead of reading it back; each must
/// give exactly what a fresh process reading the file gets.
/// </summary>
public sealed class LiteDbWriteShortcutTests : IDisposable
{
    private readonly string _directory = TestDirectories.New();

    private string FilePath => Path.Combine(_directory, "shortcuts.db");

    public void Dispose() => TestDirectories.Delete(_directory);

    [Fact]
    public async Task GetCurrentManyAsync_RowCachedAtWrite_EqualsTheRowAFreshProcessReads()
    {
        // Sub-millisecond ticks and a non-UTC offset: the file keeps UTC milliseconds, so the cache must too.
        var odd = new DateTimeOffset(2026, 3, 1, 14, 30, 0, TimeSpan.FromHours(2)).AddTicks(12_345);
        var assessment = A.Assessment("ra-1", "c1", odd, band: RiskBand.High, probability: 0.91) with { ComputedAt = odd.AddTicks(7_777) };
        CustomerRisk cached;
        await using (var store = await OpenAsync())
        {
            await store.Assessments.AddManyAsync([assessment]);
            cached = (await store.Assessments.GetCurrentManyAsync(["c1"]))["c1"];
        }

        await using var reopened = await OpenAsync();
        var read = (await reopened.Assessments.GetCurrentManyAsync(["c1"]))["c1"];

        JsonAssert.Equivalent(read, cached);
        Assert.Equal(TimeSpan.Zero, cached.AssessedAt.Offset);
        Assert.Equal(0, cached.ComputedAt!.Value.Ticks % TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public async Task AddManyAsync_SameAssessmentTwice_ReplacesItInsteadOfFailing()
    {
        var first = A.Assessment("ra-1", "c1", band: RiskBand.Low, probability: 0.1);
        await using var store = await OpenAsync();
        await store.Assessments.AddManyAsync([first]);

        await store.Assessments.AddManyAsync([first with { Band = RiskBand.Medium, EnsembleProbability = 0.5 }, A.Assessment("ra-2", "c2")]);

        var history = await store.Assessments.ListHistoryAsync("c1", 10);
        Assert.Equal(RiskBand.Medium, Assert.Single(history).Band);
        Assert.NotNull(await store.Assessments.GetLatestAsync("c2"));
        Assert.Equal(RiskBand.Medium, (await store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].Band);
    }

    [Fact]
    public async Task ListAppliedAsync_TransactionsStoredByAnEarlierProcess_ReadsWhetherEachIsPending()
    {
        await using (var store = await OpenAsync())
        {
            await store.Transactions.InsertNewAsync([A.Transaction("t1"), A.Transaction("t2")]);
            await store.Transactions.MarkAppliedAsync(["t2"], A.Now);
        }

        await using var reopened = await OpenAsync();

        Assert.Equal(["t2"], await reopened.Transactions.ListAppliedAsync(["t1", "t2", "t3"]));
    }

    [Fact]
    public async Task InitializeAsync_FileWithTheOldBandIndex_DropsItAndStillCountsByBand()
    {
        await using (var store = await OpenAsync())
        {
            await store.Assessments.AddManyAsync(
            [
                A.Assessment("ra-1", "c1", band: RiskBand.High, probability: 0.9),
                A.Assessment("ra-2", "c2", band: RiskBand.Low, probability: 0.05),
                A.Assessment("ra-3", "c3", band: RiskBand.High, probability: 0.7),
            ]);
        }

        using (var database = new LiteDatabase(new ConnectionString { Filename = FilePath, Collation = Collation.Binary }))
        {
            database.GetCollection(LiteDbCollections.CurrentRisk).EnsureIndex("Band", "$.Band");
        }

        IReadOnlyDictionary<RiskBand, long> counts;
        await using (var reopened = await OpenAsync())
        {
            counts = await reopened.Assessments.CountByBandAsync();
        }

        Assert.Equal((2L, 0L, 1L), (counts[RiskBand.High], counts[RiskBand.Medium], counts[RiskBand.Low]));
        using var check = new LiteDatabase(new ConnectionString { Filename = FilePath, Collation = Collation.Binary });
        Assert.DoesNotContain(
            check.GetCollection("$indexes").Find(Query.EQ("collection", LiteDbCollections.CurrentRisk)),
            index => index["name"].AsString == "Band");
    }

    private async Task<LiteDbCreditRiskStore> OpenAsync()
    {
        Directory.CreateDirectory(_directory);
        var store = new LiteDbCreditRiskStore(FilePath);
        await store.InitializeAsync();
        return store;
    }
}
