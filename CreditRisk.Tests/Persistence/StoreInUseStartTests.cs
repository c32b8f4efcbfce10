using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

/// <summary>
/// The real web app started on a store another process holds (here: this test, as the CLI would): it exits with 1 and
/// the message that says what to do, without a stack trace around it.
/// </summary>
public sealed class StoreInUseStartTests : IDisposable
{
    private readonly string _directory = TestDirectories.New();

    public void Dispose()
    {
        TestDirectories.Delete(_directory);
    }

    [Fact]
    public async Task Start_StoreHeldByAnotherProcess_ExitsWithTheMessageAlone()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "creditrisk.db");
        await using var held = new SqliteCreditRiskStore(path);
        await held.InitializeAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => WebAppProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Storage__SqlitePath"] = path,
                ["ConnectionStrings__Mongo"] = "",
                ["Demo__SeedOnFirstRun"] = "false",
            },
            TimeSpan.FromSeconds(30)));

        Assert.Contains("The web app exited with code 1", refused.Message);
        Assert.Contains("is open in another CreditRisk process", refused.Message);
        Assert.DoesNotContain("   at ", refused.Message);
        Assert.DoesNotContain("Unhandled exception", refused.Message);
    }
}
