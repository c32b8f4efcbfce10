using CreditRisk.Core;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;
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
    private readonly string _root = Path.Combine(Path.GetTempPath(), "creditrisk-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task AddCreditRiskCore_NoMongoConnectionString_ResolvesLiteDbAtTheConfiguredPath()
    {
        var path = Path.Combine(_root, "nested", "dir", "creditrisk.db");
        await using var provider = BuildProvider(new() { ["Storage:LiteDbPath"] = path });

        var store = provider.GetRequiredService<ICreditRiskStore>();

        var liteDb = Assert.IsType<LiteDbCreditRiskStore>(store);
        Assert.Equal(path, liteDb.FilePath);
        Assert.True(Directory.Exists(Path.GetDirectoryName(path)));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task AddCreditRiskCore_ProviderDisposedSynchronously_ReleasesTheFile()
    {
        var path = Path.Combine(_root, "sync.db");
        var provider = BuildProvider(new() { ["Storage:LiteDbPath"] = path });
        await provider.GetRequiredService<ICustomerRepository>().UpsertManyAsync([Builders.A.Customer("c1")]);

        provider.Dispose();

        await using var reopened = new LiteDbCreditRiskStore(path);
        Assert.Equal(1, await reopened.Customers.CountAsync());
    }

    [Fact]
    public async Task AddCreditRiskCore_LiteDb_RepositoriesComeFromTheOneStore()
    {
        await using var provider = BuildProvider(new() { ["Storage:LiteDbPath"] = Path.Combine(_root, "a.db") });
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
            await using var provider = BuildProvider(new() { ["Storage:LiteDbPath"] = "data/creditrisk.db" });

            var store = (LiteDbCreditRiskStore)provider.GetRequiredService<ICreditRiskStore>();

            Assert.Equal(Path.Combine(_root, "data", "creditrisk.db"), store.FilePath);
            Assert.Equal("LiteDB (data/creditrisk.db)", store.Description);
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
        await using var provider = BuildProvider(new() { ["Storage:LiteDbPath"] = Path.Combine(_root, "b.db") }, logs);
        var initializer = provider.GetServices<IHostedService>().OfType<StoreInitializer>().Single();

        await initializer.StartAsync(CancellationToken.None);

        Assert.Contains($"Storage: LiteDB ({Path.Combine(_root, "b.db")})", logs.Messages);
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
