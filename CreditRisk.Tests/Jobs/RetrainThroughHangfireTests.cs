using System.Security.Claims;
using CreditRisk.Tests.Api;
using CreditRisk.Tests.Training;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a process-wide static, set to the logger factory of the host that started last;
/// when another test's host is disposed, creating a job in this one fails on that disposed factory. Tests here run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireGlobalsCollection
{
    public const string Name = "Hangfire globals";
}

/// <summary>The Models page's request through the web host's own Hangfire server, job activation and DI included.</summary>
[Collection(HangfireGlobalsCollection.Name)]
public sealed class RetrainThroughHangfireTests
{
    private static readonly ClaimsPrincipal Admin =
        new(new ClaimsIdentity([new(ClaimTypes.Name, "meera@bank.test"), new(ClaimTypes.Role, AppRoles.Admin)], "test"));

    private static CreditRiskWebFactory App() => new()
    {
        Settings = { ["StoreTraining:MinimumRows"] = "200", ["StoreTraining:MinimumPositives"] = "10" },
    };

    /// <summary>Waits for the job to finish; the bound only stops a hung test, it asserts nothing about speed.</summary>
    private static async Task<RetrainState> FinishedAsync(RetrainAdminService service)
    {
        for (var i = 0; i < 1_200; i++)
        {
            if (await service.GetLastAsync() is { IsActive: false } done)
            {
                return done;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The retrain job did not finish.");
    }

    /// <summary>
    /// The job's final Hangfire state: the job records its outcome just before it returns or throws, so Hangfire may
    /// still say Processing for a moment.
    /// </summary>
    private static async Task<string?> HangfireStateAsync(CreditRiskWebFactory app, string jobId)
    {
        for (var i = 0; i < 1_200; i++)
        {
            using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
            var state = connection.GetJobData(jobId)?.State;
            if (state != "Processing")
            {
                return state;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The retrain job stayed in Processing.");
    }

    [Fact]
    public async Task RequestAsync_SeededStore_JobRegistersAChallenger()
    {
        await using var app = App();
        using var _ = app.CreateClient();
        await SimulatedStore.SeedAsync(app.Store, customers: 150);
        var service = app.Services.GetRequiredService<RetrainAdminService>();

        var result = await service.RequestAsync(Admin);
        var state = await FinishedAsync(service);

        Assert.True(result.Succeeded, result.Message);
        Assert.True(state.Status == RetrainStatus.Succeeded, state.Error);
        var version = Assert.Single(await app.Store.Models.ListAsync());
        Assert.Equal((state.ModelVersion, false, "retrain:meera@bank.test"), (version.Id, version.IsChampion, version.CreatedBy));
        Assert.Equal("Succeeded", await HangfireStateAsync(app, state.JobId!));
    }

    [Fact]
    public async Task RequestAsync_EmptyStore_JobFailsInHangfireWithTheReasonShown()
    {
        await using var app = App();
        using var _ = app.CreateClient();
        var service = app.Services.GetRequiredService<RetrainAdminService>();

        await service.RequestAsync(Admin);
        var state = await FinishedAsync(service);

        Assert.Equal(RetrainStatus.Failed, state.Status);
        Assert.Contains("0 labelled rows", state.Error);
        Assert.Equal("Failed", await HangfireStateAsync(app, state.JobId!));
        Assert.Empty(await app.Store.Models.ListAsync());
    }
}
