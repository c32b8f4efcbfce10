using CreditRisk.Cli.Commands;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Cli;

public sealed class StoreMigrateCommandTests : IDisposable
{
    private readonly string _directory = TestDirectories.New();

    private string LiteDbPath => Path.Combine(_directory, "creditrisk.db");

    private string SqlitePath => Path.Combine(_directory, "creditrisk.sqlite");

    public void Dispose()
    {
        TestDirectories.Delete(_directory);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => InProcessCli.RunAsync(
        StoreCommand.Create,
        new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = SqlitePath,
            ["Storage:LiteDbPath"] = LiteDbPath,
            ["ConnectionStrings:Mongo"] = "",
        },
        args);

    [Fact]
    public async Task Migrate_AnEarlierLiteDbStore_CopiesEveryKindOfRecordAndTheAppOpensIt()
    {
        var at = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
        await using (var liteDb = new LiteDbCreditRiskStore(LiteDbPath))
        {
            await liteDb.InitializeAsync();
            await liteDb.Customers.UpsertManyAsync([A.Customer("c1", "+919800000001"), A.Customer("c2", "+919800000002")]);
            await liteDb.Statements.UpsertManyAsync([A.Statement("c1")]);
            await liteDb.Transactions.InsertNewAsync(
                [A.Transaction("t1", "c1", at), A.Transaction("t2", "c1", at.AddHours(1)), A.Transaction("t3", "c2", at)]);
            await liteDb.Transactions.MarkAppliedAsync(["t1", "t2"], at.AddHours(2));
            Assert.True(await liteDb.Profiles.TrySaveAsync(A.Profile("c1"), 0));
            Assert.True(await liteDb.Profiles.TrySaveAsync(A.Profile("c1"), 1));
            await liteDb.Assessments.AddManyAsync(
            [
                A.Assessment("ra-1", "c1", at, RiskBand.Medium) with { ProfileVersion = 1 },
                A.Assessment("ra-2", "c1", at.AddHours(1), RiskBand.High) with { ProfileVersion = 2 },
            ]);
            Assert.True(await liteDb.Alerts.TryAddAsync(A.Alert("al-1", "c1", at, escalationKey: "c1:ra-2")));
            Assert.True(await liteDb.Alerts.TryAddAsync(A.Alert("al-3", "c2", at, escalationKey: "c2:ra-9")));
            await liteDb.Models.AddAsync(A.ModelVersion("m-1", at, size: 300_000) with { IsChampion = true });
            Assert.True(await liteDb.Roles.TryCreateAsync(A.Role("role-1", "Analyst")));
            Assert.True(await liteDb.Users.TryCreateAsync(A.User("user-1", "asha")));
            await liteDb.ApiKeys.AddAsync(A.ApiKey("key-1"));
            await liteDb.Audit.AddAsync(A.AuditEntry("au-1", at));
            Assert.True(await liteDb.Settings.TrySaveAsync("rules", """{"x":1}""", 0, at));
            await liteDb.DevelopmentOutbox.AddAsync(A.DevelopmentMessage("wamid.dev.1"));
            Assert.True(await liteDb.InboundMessages.TryAddAsync(A.InboundMessage("wamid.in.1", "c1", at)));
        }

        var (exitCode, output, error) = await RunAsync("store", "migrate");

        Assert.True(exitCode == 0, error);
        Assert.Contains("2 customers, 3 transactions, 1 statements, 1 model versions, 1 users", output);
        Assert.False(File.Exists(SqlitePath + ".migrating"));
        Assert.True(File.Exists(LiteDbPath));

        // The app's own start-up now opens the SQLite file instead of refusing.
        await using var store = Assert.IsType<SqliteCreditRiskStore>(EmbeddedStoreFactory.Open(
            new StorageOptions { SqlitePath = SqlitePath, LiteDbPath = LiteDbPath }));
        Assert.Equal("+919800000002", (await store.Customers.GetAsync("c2"))?.Phone);
        Assert.Single(await store.Statements.ListForCustomerAsync("c1", 10));
        Assert.Equal(["t1", "t2"], (await store.Transactions.ListAppliedAsync(["t1", "t2", "t3"])).Order());
        Assert.Equal(["c2"], await store.Transactions.ListPendingCustomerIdsAsync(at.AddDays(1), null, 10));
        Assert.Equal(2, (await store.Profiles.GetAsync("c1"))?.Version);
        Assert.Equal(["ra-2", "ra-1"], (await store.Assessments.ListHistoryAsync("c1", 10)).Select(a => a.Id));
        Assert.Equal("ra-2", (await store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].AssessmentId);
        Assert.Equal(["al-1"], (await store.Alerts.ListForCustomerAsync("c1", 10)).Select(a => a.Id));
        Assert.Equal(["al-3"], (await store.Alerts.ListForCustomerAsync("c2", 10)).Select(a => a.Id));
        Assert.False(await store.Alerts.TryAddAsync(A.Alert("al-2", "c1", at, escalationKey: "c1:ra-2")), "one alert per escalation");
        Assert.Equal(300_000, (await store.Models.GetChampionAsync())?.ModelBytes.Length);
        Assert.Equal("user-1", (await store.Users.FindByNormalizedUserNameAsync("ASHA"))?.Id);
        Assert.Single(await store.Roles.ListAsync());
        Assert.Single(await store.ApiKeys.ListAsync());
        Assert.Single(await store.Audit.ListAsync(null, 0, 10));
        Assert.Equal("""{"x":1}""", (await store.Settings.GetAsync("rules"))?.Json);
        Assert.Equal(1, await store.DevelopmentOutbox.CountAsync());
        Assert.Single(await store.InboundMessages.ListForCustomerAsync("c1", 10));
    }

    [Fact]
    public async Task Migrate_InboundMessagesFromUnknownSendersAndCustomersNoLongerStored_AreCopiedToo()
    {
        await using (var liteDb = new LiteDbCreditRiskStore(LiteDbPath))
        {
            await liteDb.InitializeAsync();
            await liteDb.Customers.UpsertManyAsync([A.Customer("c1")]);
            Assert.True(await liteDb.InboundMessages.TryAddAsync(A.InboundMessage("in-known", "c1")));
            Assert.True(await liteDb.InboundMessages.TryAddAsync(A.InboundMessage("in-unknown", customerId: null)));
            Assert.True(await liteDb.InboundMessages.TryAddAsync(A.InboundMessage("in-no-customer", "c-gone")));
        }

        var (exitCode, _, error) = await RunAsync("store", "migrate");

        Assert.True(exitCode == 0, error);
        await using var store = new SqliteCreditRiskStore(SqlitePath);
        JsonAssert.Equivalent(A.InboundMessage("in-known", "c1"), await store.InboundMessages.GetAsync("in-known"));
        JsonAssert.Equivalent(A.InboundMessage("in-unknown", customerId: null), await store.InboundMessages.GetAsync("in-unknown"));
        JsonAssert.Equivalent(A.InboundMessage("in-no-customer", "c-gone"), await store.InboundMessages.GetAsync("in-no-customer"));
    }

    [Fact]
    public async Task Migrate_TargetExists_RefusesAndLeavesItAlone()
    {
        await using (var liteDb = new LiteDbCreditRiskStore(LiteDbPath))
        {
            await liteDb.Customers.UpsertManyAsync([A.Customer("c1")]);
        }

        await using (var existing = new SqliteCreditRiskStore(SqlitePath))
        {
            await existing.Customers.UpsertManyAsync([A.Customer("other")]);
        }

        var (exitCode, _, error) = await RunAsync("store", "migrate");

        Assert.Equal(1, exitCode);
        Assert.Contains("already exists", error);
        await using var store = new SqliteCreditRiskStore(SqlitePath);
        Assert.Null(await store.Customers.GetAsync("c1"));
        Assert.NotNull(await store.Customers.GetAsync("other"));
    }

    [Fact]
    public async Task Migrate_NoLiteDbStore_FailsWithAMessageAndCreatesNothing()
    {
        Directory.CreateDirectory(_directory);

        var (exitCode, _, error) = await RunAsync("store", "migrate");

        Assert.Equal(1, exitCode);
        Assert.Contains("There is no LiteDB store", error);
        Assert.False(File.Exists(SqlitePath));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("empty")]
    [InlineData("text")]
    public async Task Migrate_FromAFileThatIsNotALiteDbStore_RefusesAndLeavesTheFileAsItWas(string kind)
    {
        var source = Path.Combine(_directory, "not-litedb.db");
        if (kind == "sqlite")
        {
            await using var sqlite = new SqliteCreditRiskStore(source);
            await sqlite.Customers.UpsertManyAsync([A.Customer("c1")]);
        }
        else
        {
            Directory.CreateDirectory(_directory);
            await File.WriteAllTextAsync(source, kind == "empty" ? "" : "customer_id,name\n");
        }

        var before = await File.ReadAllBytesAsync(source);

        var (exitCode, _, error) = await RunAsync("store", "migrate", "--from", source);

        Assert.Equal(1, exitCode);
        Assert.Contains("is not a LiteDB store", error);
        Assert.Equal(before, await File.ReadAllBytesAsync(source));
        Assert.False(File.Exists(SqlitePath));
    }

    [Fact]
    public async Task Migrate_IntoADirectoryThatDoesNotExistYet_CreatesIt()
    {
        await using (var liteDb = new LiteDbCreditRiskStore(LiteDbPath))
        {
            await liteDb.Customers.UpsertManyAsync([A.Customer("c1")]);
        }

        var target = Path.Combine(_directory, "new dir", "store copy.sqlite");

        var (exitCode, output, error) = await RunAsync("store", "migrate", "--to", target);

        Assert.True(exitCode == 0, error);
        Assert.Contains("1 customers", output);
        Assert.True(File.Exists(target));
    }
}
