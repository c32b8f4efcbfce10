using System.ComponentModel.DataAnnotations;
using CreditRisk.Core.Persistence;
using CreditRisk.Web.Jobs;
using Hangfire.Mongo;
using Hangfire.Mongo.Migration.Strategies;
using Hangfire.Mongo.Migration.Strategies.Backup;

namespace CreditRisk.Tests.Jobs;

public sealed class MongoJobStorageOptionsTests
{
    [Fact]
    public void MongoJobStorageOptions_Defaults_AreExplicitAndWorkOnASingleNodeReplicaSet()
    {
        var options = JobsServiceCollectionExtensions.MongoJobStorageOptions(new JobsOptions(), new StorageOptions());

        Assert.IsType<MigrateMongoMigrationStrategy>(options.MigrationOptions.MigrationStrategy);
        Assert.IsType<CollectionMongoBackupStrategy>(options.MigrationOptions.BackupStrategy);
        Assert.Equal(CheckQueuedJobsStrategy.TailNotificationsCollection, options.CheckQueuedJobsStrategy);
        Assert.Equal(TimeSpan.FromMinutes(5), options.SlidingInvisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.QueuePollInterval);
        Assert.Equal("hangfire", options.Prefix);
    }

    [Fact]
    public void MongoJobStorageOptions_PollConfigured_UsesPolling()
    {
        var options = JobsServiceCollectionExtensions.MongoJobStorageOptions(
            new JobsOptions { MongoQueueCheck = "Poll", MongoInvisibilityTimeoutMinutes = 30 }, new StorageOptions());

        Assert.Equal(CheckQueuedJobsStrategy.Poll, options.CheckQueuedJobsStrategy);
        Assert.Equal(TimeSpan.FromMinutes(30), options.SlidingInvisibilityTimeout);
    }

    [Theory]
    [InlineData("Watch")]
    [InlineData("ChangeStreams")]
    public void Validation_ChangeStreamQueueCheck_IsRefused(string strategy)
    {
        var options = new JobsOptions { MongoQueueCheck = strategy };

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("MongoQueueCheck", StringComparison.Ordinal));
    }
}
