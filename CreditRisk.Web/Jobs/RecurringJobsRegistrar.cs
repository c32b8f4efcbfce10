using Hangfire;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Jobs;

/// <summary>Registers (or updates) the recurring jobs under their stable ids at start-up.</summary>
internal sealed class RecurringJobsRegistrar(IRecurringJobManager recurring, IOptions<JobsOptions> options, ILogger<RecurringJobsRegistrar> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var zone = settings.ResolveTimeZone();
        Register(JobIds.NightlyPortfolioRescore, nameof(JobsOptions.NightlyRescoreCron), settings.NightlyRescoreCron, () =>
            recurring.AddOrUpdate<NightlyPortfolioRescoreJob>(
                JobIds.NightlyPortfolioRescore, JobIds.DefaultQueue, job => job.RunAsync(CancellationToken.None), settings.NightlyRescoreCron, new RecurringJobOptions { TimeZone = zone }));
        Register(JobIds.AlertOutboxSweep, nameof(JobsOptions.OutboxSweepCron), settings.OutboxSweepCron, () =>
            recurring.AddOrUpdate<AlertOutboxSweepJob>(
                JobIds.AlertOutboxSweep, JobIds.AlertsQueue, job => job.RunAsync(CancellationToken.None), settings.OutboxSweepCron, new RecurringJobOptions { TimeZone = zone }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Register(string id, string setting, string cron, Action addOrUpdate)
    {
        try
        {
            addOrUpdate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{JobsOptions.SectionName}:{setting} '{cron}' is not a valid cron expression: {ex.Message}", ex);
        }

        logger.LogInformation("Recurring job {JobId} scheduled: {Cron} ({TimeZone})", id, cron, options.Value.TimeZone);
    }
}
