using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using LiteDB;

namespace CreditRisk.Tests.Persistence.LiteDb;

/// <summary>
/// LiteDB 5 corrupts its file when write transactions on different collections run side by side, or when a
/// collection is read while another transaction creates it (litedb-org/LiteDB#2825, #2792). The store must never let
/// that happen: one writer at a time, and every collection created before the store is shared.
/// </summary>
public sealed class LiteDbConcurrentWriteTests : IDisposable
{
    private const int WritesPerWriter = 60;

    private readonly string _directory = TestDirectories.New();

    public void Dispose() => TestDirectories.Delete(_directory);

    [Fact]
    public async Task InitializeAsync_NewFile_CreatesEveryCollectionEmpty()
    {
        var path = Path.Combine(_directory, "fresh.db");
        await using (var store = new LiteDbCreditRiskStore(path))
        {
            await store.InitializeAsync();
        }

        using var file = new LiteDatabase(path);
        foreach (var name in LiteDbCollections.All)
        {
            Assert.True(file.CollectionExists(name), $"collection {name} is missing");
            Assert.Equal(0, file.GetCollection(name).Count());
        }
    }

    [Fact]
    public async Task Writes_ToDifferentCollectionsFromParallelThreadsOnFreshFiles_AllStoredAndReadable()
    {
        // Each round is a fresh file, since the races struck on first writes, when collections and pages are new.
        for (var round = 0; round < 5; round++)
        {
            await using var store = new LiteDbCreditRiskStore(Path.Combine(_directory, $"round-{round}.db"));
            await store.InitializeAsync();
            Func<int, Task>[] writers =
            [
                i => store.Assessments.AddManyAsync([A.Assessment($"ra-{i}", $"c{i}")]),
                i => store.Transactions.InsertNewAsync([A.Transaction($"tx-{i}", $"c{i}")]),
                i => store.Audit.AddAsync(A.AuditEntry($"au-{i}")),
                i => store.DevelopmentOutbox.AddAsync(A.DevelopmentMessage($"wamid.dev.{i}")),
                i => store.InboundMessages.TryAddAsync(A.InboundMessage($"wamid.in.{i}")),
                i => store.Customers.UpsertManyAsync([A.Customer($"c{i}")]),
                i => store.Statements.UpsertManyAsync([A.Statement($"c{i}")]),
                async i => _ = await store.Assessments.GetCurrentManyAsync([$"c{i}", $"c{i - 1}"]),
            ];

            await Task.WhenAll(writers.Select(write => Task.Run(async () =>
            {
                for (var i = 0; i < WritesPerWriter; i++)
                {
                    await write(i);
                }
            })));

            Assert.Equal(WritesPerWriter, (await store.Assessments.GetCurrentManyAsync([.. Enumerable.Range(0, WritesPerWriter).Select(i => $"c{i}")])).Count);
            Assert.Equal(WritesPerWriter, await store.Transactions.CountAsync());
            Assert.Equal(WritesPerWriter, await store.DevelopmentOutbox.CountAsync());
            Assert.Equal(WritesPerWriter, (await store.Audit.ListAsync(null, 0, 1_000)).Count);
        }
    }
}
