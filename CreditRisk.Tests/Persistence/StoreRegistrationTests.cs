using CreditRisk.Core;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreditRisk.Tests.Persistence;

/// <summary>Not run in parallel with other classes: one test changes the process-wide current directory.</summary>
[Collection(CurrentDirectoryCollection.Name)]
public sealed class StoreRegistrationTests : IDisposable
{
    private readonly string _root = TestDirectories.New();

    public void Dispose()
    {
        TestDirectories.Delete(_root);
    }

    [Fact]
    public async Task AddCreditRiskCore_NoMongoConnectionString_ResolvesSqliteAtTheConfiguredPath()
    {
        var path = Path.Combine(_root, "nested", "dir", "creditrisk.sqlite");
        await using var provider = BuildProvider(new() { ["Storage:SqlitePath"] = path });

        var store = provider.GetRequiredService<ICreditRiskStore>();

        var sqlite = Assert.IsType<SqliteCreditRiskStore>(store);
        Assert.Equal(path, sqlite.FilePath);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task AddCreditRiskCore_EngineLiteDb_ResolvesLiteDbAtItsPath()
    {
        var path = Path.Combine(_root, "nested", "dir", "creditrisk.db");
        await using var provider = BuildProvider(new() { ["Storage:Engine"] = "LiteDb", ["Storage:LiteDbPath"] = path });

        var store = provider.GetRequiredService<ICreditRiskStore>();

        var liteDb = Assert.IsType<LiteDbCreditRiskStore>(store);
        Assert.Equal(path, liteDb.FilePath);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task AddCreditRiskCore_OnlyAnEarlierLiteDbFile_RefusesToStartAndSaysHowToMigrate()
    {
        var liteDbPath = Path.Combine(_root, "creditrisk.db");
        var sqlitePath = Path.Combine(_root, "creditrisk.sqlite");
        await using (var earlier = new LiteDbCreditRiskStore(liteDbPath))
        {
            await earlier.Customers.UpsertManyAsync([Builders.A.Customer("c1")]);
        }

        await using var provider = BuildProvider(new() { ["Storage:SqlitePath"] = sqlitePath, ["Storage:LiteDbPath"] = liteDbPath });

        var ex = Assert.Throws<EarlierStoreFoundException>(() => provider.GetRequiredService<ICreditRiskStore>());
        Assert.Contains("creditrisk store migrate", ex.Message);
        Assert.Contains("Storage:Engine=LiteDb", ex.Message);
        Assert.False(File.Exists(sqlitePath));
    }

    [Fact]
    public async Task AddCreditRiskCore_ProviderDisposedSynchronously_ReleasesTheFile()
    {
        var path = Path.Combine(_root, "sync.sqlite");
        var provider = BuildProvider(new() { ["Storage:SqlitePath"] = path });
        await provider.GetRequiredService<ICustomerRepository>().UpsertManyAsync([Builders.A.Customer("c1")]);

        provider.Dispose();

        await using var reopened = new SqliteCreditRiskStore(path);
        Assert.Equal(1, await reopened.Customers.CountAsync());
    }

    [Fact]
    public async Task AddCreditRiskCore_Embedded_RepositoriesComeFromTheOneStore()
    {
        await using var provider = BuildProvider(new() { ["Storage:SqlitePath"] = Path.Combine(_root, "a.sqlite") });
        var store = provider.GetRequiredService<ICreditRiskStore>();

        Assert.Same(store.Customers, provider.GetRequiredService<ICustomerRepository>());
        Assert.Same(store.Transactions, provider.GetRequiredService<ITransactionRepository>());
        Assert.Same(store.Statements, provider.GetRequiredService<IStatementRepository>());
        Assert.Same(store.Profiles, provider.GetRequiredService<IBehaviorProfileRepository>());
        Assert.Same(store.Assessments, provider.GetRequiredService<IRiskAssessmentRepository>());
        Assert.Same(store.Alerts, provider.GetRequiredService<IAlertRepository>());
        Assert.Same(store.Models, provider.GetRequiredService<IModelRegistry>());
        Assert.Same(store.Users, provider.GetRequiredService<IUserRepository>());
        Assert.Same(store.Roles, provider.GetRequiredService<IRoleRepository>());
        Assert.Same(store.ApiKeys, provider.GetRequiredService<IApiKeyRepository>());
        Assert.Same(store.Audit, provider.GetRequiredService<IAuditLog>());
        Assert.Same(store.Settings, provider.GetRequiredService<ISettingsRepository>());
    }

    [Fact]
    public async Task AddCreditRiskCore_RelativePath_IsResolvedAgainstTheCurrentDirectory()
    {
        var previous = Directory.GetCurrentDirectory();
        Directory.CreateDirectory(_root);
        Directory.SetCurrentDirectory(_root);
        try
        {
            await using var provider = BuildProvider([]);

            var store = (SqliteCreditRiskStore)provider.GetRequiredService<ICreditRiskStore>();

            Assert.Equal(Path.Combine(_root, "data", "creditrisk.sqlite"), store.FilePath);
            Assert.Equal("SQLite (data/creditrisk.sqlite)", store.Description);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public async Task StoreInitializer_Start_InitialisesTheStoreAndLogsWhichOneIsUsed()
    {
        var logs = new ListLoggerProvider();
        await using var provider = BuildProvider(new() { ["Storage:SqlitePath"] = Path.Combine(_root, "b.sqlite") }, logs);
        var initializer = provider.GetServices<IHostedService>().OfType<StoreInitializer>().Single();

        await initializer.StartAsync(CancellationToken.None);

        Assert.Contains($"Storage: SQLite ({Path.Combine(_root, "b.sqlite")})", logs.Messages);
        Assert.True(await provider.GetRequiredService<IUserRepository>().TryCreateAsync(Builders.A.User("u1", "asha")));
        Assert.False(await provider.GetRequiredService<IUserRepository>().TryCreateAsync(Builders.A.User("u2", "asha")));
    }

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(logs ?? NullLoggerProvider.Instance));
        services.AddCreditRiskCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => new ListLogger(Messages);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (messages)
                {
                    messages.Add(formatter(state, exception));
                }
            }
        }
    }
}
