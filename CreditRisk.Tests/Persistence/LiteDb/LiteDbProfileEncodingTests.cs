using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using LiteDB;

namespace CreditRisk.Tests.Persistence.LiteDb;

/// <summary>Profiles written field by field before the compact encoding still read, save and stay versioned.</summary>
public sealed class LiteDbProfileEncodingTests : IDisposable
{
    private readonly string _directory = TestDirectories.New();

    private string FilePath => Path.Combine(_directory, "legacy.db");

    public void Dispose() => TestDirectories.Delete(_directory);

    [Fact]
    public async Task GetAsync_ProfileStoredFieldByField_ReadsItAndTheNextSaveUsesItsVersion()
    {
        Directory.CreateDirectory(_directory);
        var legacy = A.Profile("c1") with { Version = 3 };
        var mapper = LiteDbMapper.Create();
        using (var database = new LiteDatabase(new ConnectionString { Filename = FilePath, Collation = Collation.Binary }, mapper))
        {
            database.GetCollection(LiteDbCollections.Profiles).Insert(mapper.ToDocument(legacy));
        }

        await using var store = new LiteDbCreditRiskStore(FilePath);
        await store.InitializeAsync();

        JsonAssert.Equivalent(legacy, await store.Profiles.GetAsync("c1"));
        Assert.False(await store.Profiles.TrySaveAsync(legacy with { TransactionCount = 1 }, 2));
        Assert.True(await store.Profiles.TrySaveAsync(legacy with { TransactionCount = 1 }, 3));
        JsonAssert.Equivalent(legacy with { TransactionCount = 1, Version = 4 }, (await store.Profiles.GetManyAsync(["c1"]))["c1"]);
    }
}
