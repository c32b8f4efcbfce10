using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

/// <summary>
/// The real web app started on a store it must not open exits with 1 and the message that says how to go on, without
/// the host's own start-failure log and stack trace around it.
/// </summary>
public sealed class StoreStartRefusalTests : IDisposable
{
    private readonly string _directory = TestDirectories.New();

    public void Dispose()
    {
        TestDirectories.Delete(_directory);
    }

    [Fact]
    public async Task Start_OnlyAnEarlierLiteDbStore_ExitsWithTheMigrationMessageAlone()
    {
        Directory.CreateDirectory(_directory);
        var liteDbPath = Path.Combine(_directory, "creditrisk.litedb");
        var sqlitePath = Path.Combine(_directory, "creditrisk.db");
        await using (var liteDb = new LiteDbCreditRiskStore(liteDbPath))
        {
            await liteDb.InitializeAsync();
            await liteDb.Customers.UpsertManyAsync([A.Customer("c1", "+919800000001")]);
        }

        var message = await StartRefusedAsync(sqlitePath, ("Storage__LiteDbPath", liteDbPath));

        Assert.Contains("creditrisk store migrate", message);
        Assert.False(File.Exists(sqlitePath), "the refusal creates no SQLite file");
    }

    [Fact]
    public async Task Start_StoreHeldByAnotherProcess_ExitsWithTheMessageAlone()
    {
        // This test holds the store, as a CLI command would while the app starts.
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "creditrisk.db");
        await using var held = new SqliteCreditRiskStore(path);
        await held.InitializeAsync();

        var message = await StartRefusedAsync(path);

        Assert.Contains("is open in another CreditRisk process", message);
        Assert.DoesNotContain("Unhandled exception", message);
    }

    private static async Task<string> StartRefusedAsync(string sqlitePath, params (string Name, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__SqlitePath"] = sqlitePath,
            ["ConnectionStrings__Mongo"] = "",
            ["Demo__SeedOnFirstRun"] = "false",
        };
        foreach (var (name, value) in more)
        {
            settings[name] = value;
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => WebAppProcess.StartAsync(settings, TimeSpan.FromSeconds(30)));
        Assert.Contains("The web app exited with code 1", refused.Message);
        Assert.DoesNotContain("Hosting failed to start", refused.Message);
        Assert.DoesNotContain("   at ", refused.Message);
        return refused.Message;
    }
}
