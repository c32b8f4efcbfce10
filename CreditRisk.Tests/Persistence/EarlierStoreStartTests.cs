using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

/// <summary>
/// The real web app started over an earlier version's LiteDB file and no SQLite file: it exits with 1 and the message
/// that says how to go on, without the host's own start-failure log and stack trace around it.
/// </summary>
public sealed class EarlierStoreStartTests : IDisposable
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

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => WebAppProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Storage__SqlitePath"] = sqlitePath,
                ["Storage__LiteDbPath"] = liteDbPath,
                ["ConnectionStrings__Mongo"] = "",
                ["Demo__SeedOnFirstRun"] = "false",
            },
            TimeSpan.FromSeconds(30)));

        Assert.Contains("The web app exited with code 1", refused.Message);
        Assert.Contains("creditrisk store migrate", refused.Message);
        Assert.DoesNotContain("Hosting failed to start", refused.Message);
        Assert.DoesNotContain("   at ", refused.Message);
        Assert.False(File.Exists(sqlitePath), "the refusal creates no SQLite file");
    }
}
