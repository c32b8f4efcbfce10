using System.Net.Http.Json;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Api;
using CreditRisk.Tests.Messaging;
using CreditRisk.Tests.Support;
using CreditRisk.Web.Jobs;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Persistence.Mongo;

/// <summary>
/// Issue #16: two app instances on one MongoDB database and one Hangfire job store, fed overlapping batches for the
/// same customers at the same time, as a load balancer in front of two instances would. On jongodb, which cannot host
/// Hangfire.Mongo, the two share one Hangfire.InMemory storage instead (docs/mongodb.md, "Tests").
/// </summary>
[Collection(MongoTestServerCollection.Name)]
public sealed class TwoInstancesOnOneStoreTests(MongoTestServer server) : IAsyncLifetime
{
    private const int Customers = 12;
    private const int PurchasesPerCustomer = 24;
    private const decimal Purchase = 4_000m; // 23 of them take a 100,000 limit over 90%: one escalation each
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _database = server.NewDatabaseName();
    private FakeWhatsAppCloudApi _whatsApp = null!;
    private CreditRiskWebFactory _a = null!;
    private CreditRiskWebFactory _b = null!;

    public async Task InitializeAsync()
    {
        _whatsApp = await FakeWhatsAppCloudApi.StartAsync();
        _a = Instance(sharedJobs: null);

        // B joins A's Hangfire storage. A's container made it (while A's logging is Hangfire's current one) and
        // disposes it, so B, which only borrows it, stops first.
        _b = Instance(server.IsRealServer ? null : _a.Services.GetRequiredService<JobStorage>());
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _whatsApp.DisposeAsync();
    }

    [Fact]
    public async Task OverlappingBatchesThroughBothInstances_ProfilesMatchTheHistory_OneAlertPerEscalationKey_EachSentOnce()
    {
        var (ids, alerts) = await RunBothInstancesAsync();

        var store = _a.Store;
        Assert.Equal(Customers * PurchasesPerCustomer, await store.Transactions.CountAsync());
        Assert.Empty(await store.Transactions.ListPendingCustomerIdsAsync(DateTimeOffset.MaxValue, null, 10));
        foreach (var id in ids)
        {
            var history = await store.Transactions.ListForCustomerAsync(id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
            var profile = await store.Profiles.GetAsync(id);
            JsonAssert.Equivalent(ProfileBuilder.Build(id, history, []), profile! with { Version = 0, UpdatedAt = default });
            Assert.Contains(alerts, a => a.CustomerId == id);

            // The current risk is the reading of the whole profile (96%), not a slower instance's older one.
            var current = (await store.Assessments.GetCurrentManyAsync([id]))[id];
            Assert.Equal((RiskBand.High, profile.Version), (current.Band, current.ProfileVersion!.Value));
        }

        Assert.All(alerts.GroupBy(a => a.EscalationKey), g => Assert.Single(g));
        await AssertEachAlertSentOnceAsync(alerts);
    }

    [Fact]
    public async Task OverlappingBatchesThroughBothInstances_EachCustomerEscalatedOnce_RaisesOneAlert()
    {
        var (ids, alerts) = await RunBothInstancesAsync();

        foreach (var id in ids)
        {
            var raised = alerts.Where(a => a.CustomerId == id).ToList();
            Assert.True(raised.Count == 1, $"{id} escalated once but has {raised.Count} alerts: {string.Join(", ", raised.Select(a => a.EscalationKey))}");
        }
    }

    /// <summary>
    /// Every batch goes to both instances at once (a client retrying through the other one), and batches for the same
    /// customers overlap in time, so the instances race on inserts, profile saves and escalations. Returns the
    /// customers and every alert raised.
    /// </summary>
    private async Task<(string[] Ids, List<Alert> Alerts)> RunBothInstancesAsync()
    {
        var apiKey = await _a.CreateApiKeyAsync();
        var ids = Enumerable.Range(1, Customers).Select(i => $"two-{i:D2}").ToArray();
        await _a.SeedCustomersAsync(apiKey, ids);
        using var clientA = _a.CreateApiClient(apiKey);
        using var clientB = _b.CreateApiClient(apiKey);

        var batches = Batches(ids, _a.Clock.GetUtcNow());
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
        {
            var responses = await Task.WhenAll(
                clientA.PostAsJsonAsync("/api/v1/transactions", batch, ct),
                clientB.PostAsJsonAsync("/api/v1/transactions", batch, ct));
            Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        });

        var alerts = new List<Alert>();
        foreach (var id in ids)
        {
            alerts.AddRange(await _a.Store.Alerts.ListForCustomerAsync(id, 10));
        }

        return (ids, alerts);
    }

    /// <summary>Delivery runs on whichever instance's Hangfire worker takes the job; then both sweep and re-run every job.</summary>
    private async Task AssertEachAlertSentOnceAsync(List<Alert> alerts)
    {
        foreach (var alert in alerts)
        {
            await WaitForAsync(async () => (await _a.Store.Alerts.GetAsync(alert.Id))!.Status == AlertStatus.Sent, $"alert {alert.Id} sent");
        }

        foreach (var app in new[] { _a, _b })
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AlertOutboxSweepJob>().RunAsync(CancellationToken.None);
            await Task.WhenAll(alerts.Select(a => scope.ServiceProvider.GetRequiredService<SendWhatsAppAlertJob>().RunAsync(a.Id, CancellationToken.None)));
        }

        var sent = _whatsApp.Accepted.GroupBy(m => m.CallbackData).ToDictionary(g => g.Key ?? "", g => g.Count());
        Assert.Equal(alerts.Select(a => a.Id).Order(), sent.Keys.Order());
        Assert.All(sent, s => Assert.True(s.Value == 1, $"alert {s.Key} was sent {s.Value} times"));
        Assert.Equal(alerts.Count, _whatsApp.MessageRequests.Count());
        Assert.Empty(_whatsApp.Problems);
    }

    /// <summary>
    /// An app instance on the shared database. With a real server both use Hangfire.Mongo in it, as in production; on
    /// jongodb the first makes a Hangfire.InMemory storage and the second is given the same one.
    /// </summary>
    private CreditRiskWebFactory Instance(JobStorage? sharedJobs)
    {
        var app = new CreditRiskWebFactory
        {
            TestServices = services =>
            {
                if (server.IsRealServer)
                {
                    return;
                }

                if (sharedJobs is null)
                {
                    services.AddSingleton<JobStorage>(_ => new InMemoryStorage(new InMemoryStorageOptions()));
                }
                else
                {
                    services.AddSingleton(sharedJobs);
                }
            },
        };
        app.Settings["ConnectionStrings:Mongo"] = server.ConnectionString;
        app.Settings["Storage:MongoDatabase"] = _database;

        // As docs/risk-pipeline.md asks for several instances: recovery leaves another instance's fresh batches alone.
        app.Settings["RiskPipeline:RecoveryGraceSeconds"] = "60";
        app.Settings["Alerts:QuietHoursStart"] = "00:00";
        app.Settings["Alerts:QuietHoursEnd"] = "00:00";
        foreach (var (key, value) in MessagingServices.SettingsFor(_whatsApp))
        {
            app.Settings[key] = value;
        }

        return app;
    }

    /// <summary>Each customer's purchases, an hour apart, shuffled across customers and cut into batches of 16.</summary>
    private static List<Dictionary<string, object?>[]> Batches(string[] ids, DateTimeOffset now)
    {
        var all = ids
            .SelectMany(id => Enumerable.Range(0, PurchasesPerCustomer).Select(k =>
            {
                var body = ApiBodies.Transaction($"{id}-t{k:D2}", id, now.AddHours(k - PurchasesPerCustomer - 1));
                body["amount"] = Purchase;
                return body;
            }))
            .ToArray();
        new Random(16).Shuffle(all);
        return [.. all.Chunk(16)];
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
