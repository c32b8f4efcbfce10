using CreditRisk.Core.Alerts;
using CreditRisk.Core.Persistence;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.Mongo;
using Hangfire.Mongo.Migration.Strategies;
using Hangfire.Mongo.Migration.Strategies.Backup;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace CreditRisk.Web.Jobs;

/// <summary>Hangfire with the job store matching the data store, the job classes, and the alert hand-over.</summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire.Mongo when <c>ConnectionStrings:Mongo</c> is set, Hangfire.InMemory otherwise (see docs/jobs.md);
    /// a server with <see cref="JobsOptions.WorkerCount"/> workers unless <c>Jobs:ServerEnabled</c> is false; the
    /// recurring jobs; and prompt queuing of new alerts.
    /// </summary>
    public static IServiceCollection AddCreditRiskJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // This host's own storage and activator in the container rather than Hangfire's process-wide statics, which
        // AddHangfire would otherwise hand out: two hosts in one process (integration tests) must not share jobs.
        var mongo = configuration.GetConnectionString("Mongo");
        services.AddSingleton<JobStorage>(sp => string.IsNullOrWhiteSpace(mongo)
            ? new InMemoryStorage(new InMemoryStorageOptions())
            : CreateMongoStorage(mongo, sp));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        if (configuration.GetValue($"{JobsOptions.SectionName}:{nameof(JobsOptions.ServerEnabled)}", defaultValue: true))
        {
            services.AddHangfireServer((sp, server) =>
            {
                server.WorkerCount = sp.GetRequiredService<IOptions<JobsOptions>>().Value.WorkerCount;
                server.Queues = [JobIds.AlertsQueue, JobIds.DefaultQueue];
                server.ShutdownTimeout = TimeSpan.FromSeconds(10);
            });
            services.AddHostedService<RecurringJobsRegistrar>();
        }

        services.AddSingleton<IAlertDispatcher, HangfireAlertDispatcher>();
        services.AddTransient<AlertOutboxSweeper>();
        services.AddTransient<SendWhatsAppAlertJob>();
        services.AddTransient<NightlyPortfolioRescoreJob>();
        services.AddTransient<AlertOutboxSweepJob>();
        services.AddTransient<RetrainFromStoreJob>();
        services.AddSingleton<IRetrainJobQueue, HangfireRetrainJobQueue>();
        services.AddTransient<RulesWhatIfJob>();
        services.AddSingleton<IRulesWhatIfJobQueue, HangfireRulesWhatIfJobQueue>();
        services.AddHostedService<EscalationAlertEnqueuer>();
        return services;
    }

    private static MongoStorage CreateMongoStorage(string connectionString, IServiceProvider sp)
    {
        var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
        var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(storage.MongoConnectTimeoutSeconds);
        try
        {
            return new MongoStorage(new MongoClient(settings), storage.MongoDatabase, MongoJobStorageOptions(jobs, storage));
        }
        catch (Exception ex) when (ex is MongoException or MongoConnectException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"Hangfire could not open its job store in MongoDB database '{storage.MongoDatabase}' "
                + $"(collections '{jobs.MongoPrefix}.*'): {ex.Message} It needs a real MongoDB server (4.4 or later, standalone or replica set).",
                ex);
        }
    }

    /// <summary>
    /// Jobs live beside the data, in the <c>Storage:MongoDatabase</c> database under the <c>Jobs:MongoPrefix</c>
    /// collections. Schema upgrades migrate in place after backing the collections up; queued jobs are noticed through
    /// a capped, tailable notification collection (works on a single-node replica set, unlike change streams) with
    /// polling behind it; a job whose worker stops renewing its heartbeat is handed on after the invisibility timeout.
    /// </summary>
    internal static MongoStorageOptions MongoJobStorageOptions(JobsOptions jobs, StorageOptions storage) => new()
    {
        Prefix = jobs.MongoPrefix,
        MigrationOptions = new MongoMigrationOptions
        {
            MigrationStrategy = new MigrateMongoMigrationStrategy(),
            BackupStrategy = new CollectionMongoBackupStrategy(),
        },
        CheckQueuedJobsStrategy = Enum.Parse<CheckQueuedJobsStrategy>(jobs.MongoQueueCheck),
        QueuePollInterval = TimeSpan.FromSeconds(jobs.MongoQueuePollSeconds),
        SlidingInvisibilityTimeout = TimeSpan.FromMinutes(jobs.MongoInvisibilityTimeoutMinutes),
        CheckConnection = true,
        ConnectionCheckTimeout = TimeSpan.FromSeconds(storage.MongoConnectTimeoutSeconds),
    };
}
