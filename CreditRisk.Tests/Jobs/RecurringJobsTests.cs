using CreditRisk.Tests.Api;
using CreditRisk.Web.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Jobs;

public sealed class RecurringJobsTests
{
    [Fact]
    public async Task StartUp_Defaults_RegistersTheRecurringJobsUnderStableIds()
    {
        await using var app = new CreditRiskWebFactory();

        var jobs = RecurringJobs(app);

        var nightly = Assert.Single(jobs, j => j.Id == JobIds.NightlyPortfolioRescore);
        Assert.Equal(("0 2 * * *", "UTC", JobIds.DefaultQueue), (nightly.Cron, nightly.TimeZoneId, nightly.Job.Queue));
        var sweep = Assert.Single(jobs, j => j.Id == JobIds.AlertOutboxSweep);
        Assert.Equal(("* * * * *", JobIds.AlertsQueue), (sweep.Cron, sweep.Job.Queue));
    }

    [Fact]
    public async Task StartUp_ConfiguredScheduleAndTimeZone_UsesThem()
    {
        await using var app = new CreditRiskWebFactory
        {
            Settings = { ["Jobs:NightlyRescoreCron"] = "30 1 * * *", ["Jobs:TimeZone"] = "Asia/Kolkata" },
        };

        var nightly = Assert.Single(RecurringJobs(app), j => j.Id == JobIds.NightlyPortfolioRescore);

        Assert.Equal(("30 1 * * *", "Asia/Kolkata"), (nightly.Cron, nightly.TimeZoneId));
    }

    [Fact]
    public async Task StartUp_InvalidCron_FailsNamingTheSetting()
    {
        await using var app = new CreditRiskWebFactory { Settings = { ["Jobs:NightlyRescoreCron"] = "every night" } };

        var ex = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Jobs:NightlyRescoreCron", ex.ToString());
    }

    [Fact]
    public void JobMethods_NightlyRescore_NeverRunsTwiceAtOnce()
    {
        var method = typeof(NightlyPortfolioRescoreJob).GetMethod(nameof(NightlyPortfolioRescoreJob.RunAsync))!;

        Assert.NotNull(method.GetCustomAttributes(typeof(DisableConcurrentExecutionAttribute), inherit: true).SingleOrDefault());
    }

    private static List<RecurringJobDto> RecurringJobs(CreditRiskWebFactory app)
    {
        using var _ = app.CreateClient();
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }
}
