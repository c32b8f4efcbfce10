using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using LiteDB;

namespace CreditRisk.Tests.Persistence.LiteDb;

/// <summary>History documents keep features as a vector plus the id of their names' list; the older form still reads.</summary>
public sealed class LiteDbAssessmentEncodingTests : IDisposable
{
    private readonly string _directory = TestDirectories.New();

    private string FilePath => Path.Combine(_directory, "assessments.db");

    public void Dispose() => TestDirectories.Delete(_directory);

    [Fact]
    public async Task AddManyAsync_EngineFeatures_StoresAVectorWithoutSubDocumentsAndReadsThemBack()
    {
        var assessment = A.Assessment("ra-1", "c1") with
        {
            Features = [.. FeatureNames.Ordered.Select((name, i) => new FeatureValue(name, i % 3 == 0 ? null : i * 1.25))],
        };
        await using (var store = await OpenAsync())
        {
            await store.Assessments.AddManyAsync([assessment]);
            JsonAssert.Equivalent(assessment, await store.Assessments.GetLatestAsync("c1"));
        }

        using var database = new LiteDatabase(new ConnectionString { Filename = FilePath, Collation = Collation.Binary });
        var stored = database.GetCollection(LiteDbCollections.Assessments).FindById("ra-1");
        Assert.False(stored.ContainsKey(nameof(RiskAssessment.Features)));
        Assert.Equal(FeatureNames.Ordered.Count * sizeof(double), stored["_features"].AsBinary.Length);
    }

    [Fact]
    public async Task ListHistoryAsync_TwoFeatureLists_EachReadsWithItsOwnNamesAfterReopening()
    {
        var older = A.Assessment("ra-1", "c1", A.Now.AddDays(-1));
        var newer = A.Assessment("ra-2", "c1", A.Now) with { Features = [new FeatureValue("new_feature", 0.5)] };
        await using (var store = await OpenAsync())
        {
            await store.Assessments.AddManyAsync([older, newer]);
        }

        await using var reopened = await OpenAsync();
        var history = await reopened.Assessments.ListHistoryAsync("c1", 10);

        JsonAssert.Equivalent(new[] { newer, older }, history);
    }

    [Fact]
    public async Task GetLatestAsync_DocumentWithFeatureSubDocuments_ReadsAsBefore()
    {
        Directory.CreateDirectory(_directory);
        var legacy = A.Assessment("ra-1", "c1");
        var mapper = LiteDbMapper.Create();
        using (var database = new LiteDatabase(new ConnectionString { Filename = FilePath, Collation = Collation.Binary }, mapper))
        {
            var doc = mapper.ToDocument(legacy);
            doc[LiteDbCollections.CustomerTimeKey] = LiteDbKeys.OwnerTime(legacy.CustomerId, legacy.AssessedAt, legacy.Id);
            database.GetCollection(LiteDbCollections.Assessments).Insert(doc);
        }

        await using var store = await OpenAsync();

        JsonAssert.Equivalent(legacy, await store.Assessments.GetLatestAsync("c1"));
    }

    [Fact]
    public async Task Reads_DocumentsWrittenBeforeTheComputedTime_LoadWithoutIt()
    {
        var assessment = A.Assessment("ra-1", "c1") with { ComputedAt = A.Now.AddHours(1) };
        await using (var store = await OpenAsync())
        {
            await store.Assessments.AddManyAsync([assessment]);
        }

        // What a database written by an earlier version holds: the same documents without the field.
        using (var database = new LiteDatabase(new ConnectionString { Filename = FilePath, Collation = Collation.Binary }))
        {
            foreach (var collection in new[] { LiteDbCollections.Assessments, LiteDbCollections.CurrentRisk })
            {
                var documents = database.GetCollection(collection);
                var doc = documents.FindAll().Single();
                Assert.True(doc.Remove(nameof(RiskAssessment.ComputedAt)));
                documents.Update(doc);
            }
        }

        await using var reopened = await OpenAsync();

        JsonAssert.Equivalent(assessment with { ComputedAt = null }, await reopened.Assessments.GetLatestAsync("c1"));
        var current = (await reopened.Assessments.GetCurrentManyAsync(["c1"]))["c1"];
        Assert.Equal((assessment.AssessedAt, (DateTimeOffset?)null), (current.AssessedAt, current.ComputedAt));
    }

    private async Task<LiteDbCreditRiskStore> OpenAsync()
    {
        Directory.CreateDirectory(_directory);
        var store = new LiteDbCreditRiskStore(FilePath);
        await store.InitializeAsync();
        return store;
    }
}
