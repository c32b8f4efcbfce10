using System.Net;
using CreditRisk.Tests.Api;
using CreditRisk.Tests.Persistence;
using CreditRisk.Web.Jobs;
using Hangfire;
using Hangfire.Mongo;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Jobs;

/// <summary>
/// The app on a MongoDB job store. Needs a real server in <c>CREDITRISK_TEST_MONGO</c>: the in-memory jongodb stand-in
/// lacks <c>listCollections</c> and capped collections, which Hangfire.Mongo's migrations and queue notifications use.
/// </summary>
public sealed class MongoJobStoreTests
{
    [SkippableFact]
    public async Task StartUp_MongoConfigured_UsesHangfireMongoWithTheRecurringJobs()
    {
        var connectionString = Environment.GetEnvironmentVariable(MongoTestServer.ConnectionStringVariable);
        Skip.If(string.IsNullOrWhiteSpace(connectionString),
            $"Needs a real MongoDB in {MongoTestServer.ConnectionStringVariable}; jongodb lacks listCollections and capped collections, which Hangfire.Mongo needs.");
        var database = "crjobs_" + Guid.NewGuid().ToString("N")[..12];
        await using var app = new CreditRiskWebFactory
        {
            Settings = { ["ConnectionStrings:Mongo"] = connectionString, ["Storage:MongoDatabase"] = database },
        };

        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        Assert.IsType<MongoStorage>(app.Services.GetRequiredService<JobStorage>());
        Assert.Contains(connection.GetRecurringJobs(), j => j.Id == JobIds.NightlyPortfolioRescore);
        var anonymous = await client.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/account/signin", anonymous.Headers.Location!.AbsolutePath);
    }
}

public sealed class MongoJobStoreStartupTests
{
    [Fact]
    public async Task StartUp_MongoUnreachable_FailsNamingTheJobStoreOrTheDatabase()
    {
        await using var app = new CreditRiskWebFactory
        {
            Settings = { ["ConnectionStrings:Mongo"] = "mongodb://127.0.0.1:1/", ["Storage:MongoConnectTimeoutSeconds"] = "1" },
        };

        var ex = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Matches("job store|MongoDB is not reachable", ex.ToString());
    }
}
