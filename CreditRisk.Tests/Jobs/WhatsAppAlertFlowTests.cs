using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Api;
using CreditRisk.Tests.Messaging;
using CreditRisk.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Jobs;

/// <summary>
/// The whole outreach flow in the real app: escalation → pending alert → Hangfire job → WhatsApp (the fake Cloud API
/// over real HTTP) → signed status webhooks → alert history.
/// </summary>
public sealed class WhatsAppAlertFlowTests : IAsyncLifetime
{
    // A limit, not a timing assertion: on a loaded two-core CI run the queued job had not reached the fake Cloud API
    // within 60 s once (it takes about a second alone).
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private FakeWhatsAppCloudApi _fake = null!;
    private CreditRiskWebFactory _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeWhatsAppCloudApi.StartAsync();
        _app = new CreditRiskWebFactory();
        foreach (var (key, value) in MessagingServices.SettingsFor(_fake))
        {
            _app.Settings[key] = value;
        }

        // No quiet hours: the test clock starts at the real time of day.
        _app.Settings["Alerts:QuietHoursStart"] = "00:00";
        _app.Settings["Alerts:QuietHoursEnd"] = "00:00";
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task CustomerEscalatesToHigh_OneTemplateMessageReachesWhatsApp_AlertGoesSentDeliveredRead()
    {
        await AddCustomerAsync("cust-1");

        var assessment = await EscalateAsync("cust-1");

        Assert.Equal(RiskBand.High, assessment.Band);
        var message = await WaitForAsync(() => _fake.Accepted.SingleOrDefault());
        var alert = Assert.Single(await _app.Store.Alerts.ListForCustomerAsync("cust-1", 10));
        Assert.Equal(("high_risk_alert", alert.Id, "919812345678"), (message.TemplateName, message.CallbackData, message.To));
        Assert.Equal(["Asha Verma", alert.Reason, new AlertDeliveryOptions().Helpline], message.BodyParameters);
        Assert.Empty(_fake.Problems);

        Assert.Equal(AlertStatus.Sent, (await WaitForStatusAsync(alert.Id, AlertStatus.Sent)).Status);
        await _fake.PostStatusAsync(_client, message.Id, "sent", alert.Id);
        Assert.Equal(AlertStatus.Sent, (await AlertAsync(alert.Id)).Status);
        (await _fake.PostStatusAsync(_client, message.Id, "delivered", alert.Id)).EnsureSuccessStatusCode();
        Assert.Equal(AlertStatus.Delivered, (await AlertAsync(alert.Id)).Status);
        (await _fake.PostStatusAsync(_client, message.Id, "read", alert.Id)).EnsureSuccessStatusCode();
        var read = await AlertAsync(alert.Id);
        Assert.Equal((AlertStatus.Read, message.Id), (read.Status, read.ProviderMessageId));
        Assert.NotNull(read.DeliveredAt);
        Assert.NotNull(read.ReadAt);

        // The sweep and a repeated job find nothing left to send.
        using var scope = _app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AlertOutboxSweepJob>().RunAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<SendWhatsAppAlertJob>().RunAsync(alert.Id, CancellationToken.None);
        Assert.Single(_fake.Accepted);
        Assert.Single(_fake.MessageRequests);
    }

    [Fact]
    public async Task SendWhatsAppAlertJob_RunTwiceAndConcurrently_SendsOneMessage()
    {
        await AddCustomerAsync("cust-2");
        var now = _app.Clock.GetUtcNow();
        await _app.Store.Alerts.TryAddAsync(new Alert
        {
            Id = "al-twice",
            CustomerId = "cust-2",
            Reason = "Cash withdrawals are 55% of spend",
            TemplateName = "high_risk_alert",
            TriggeredBy = "pipeline",
            EscalationKey = "esc-twice",
            CreatedAt = now,
            UpdatedAt = now,
        });

        using var scope = _app.Services.CreateScope();
        Task Run() => ActivatorUtilities.CreateInstance<SendWhatsAppAlertJob>(scope.ServiceProvider).RunAsync("al-twice", CancellationToken.None);
        await Task.WhenAll(Run(), Run(), Run());
        await Run();

        var sent = Assert.Single(_fake.Accepted);
        Assert.Equal("al-twice", sent.CallbackData);
        Assert.Equal(AlertStatus.Sent, (await AlertAsync("al-twice")).Status);
        Assert.Equal(1, (await AlertAsync("al-twice")).Attempts);
    }

    [Fact]
    public async Task CustomerWithoutOptInEscalates_NothingReachesWhatsApp_AlertSuppressed()
    {
        await AddCustomerAsync("cust-3", optIn: false);

        await EscalateAsync("cust-3");

        var alert = Assert.Single(await _app.Store.Alerts.ListForCustomerAsync("cust-3", 10));
        var suppressed = await WaitForStatusAsync(alert.Id, AlertStatus.Suppressed);
        Assert.Contains("opt-in", suppressed.FailureReason);
        Assert.Empty(_fake.Requests);
    }

    private async Task AddCustomerAsync(string id, bool optIn = true) =>
        await _app.Store.Customers.UpsertManyAsync([new Customer
        {
            Id = id,
            FullName = "Asha Verma",
            Phone = "+919812345678",
            WhatsAppOptIn = optIn,
            WhatsAppOptInAt = optIn ? _app.Clock.GetUtcNow().AddDays(-30) : null,
            CreditLimit = 10_000m,
            OpenedOn = new DateOnly(2022, 1, 15),
        }]);

    /// <summary>Spends 94% of the limit: the utilisation rule makes the customer High.</summary>
    private async Task<RiskAssessment> EscalateAsync(string customerId)
    {
        var at = _app.Clock.GetUtcNow().AddDays(-2);
        Transaction[] spends =
        [
            new() { Id = customerId + "-t1", CustomerId = customerId, Timestamp = at, Amount = 6_000m, Type = TransactionType.Purchase, MerchantCategory = "5411" },
            new() { Id = customerId + "-t2", CustomerId = customerId, Timestamp = at.AddHours(1), Amount = 3_400m, Type = TransactionType.Purchase, MerchantCategory = "5411" },
        ];
        var stored = await _app.Store.Transactions.InsertNewAsync(spends);
        return Assert.Single(await _app.Services.GetRequiredService<RiskPipeline>().ProcessTransactionsAsync(stored));
    }

    private async Task<Alert> AlertAsync(string id) => (await _app.Store.Alerts.GetAsync(id))!;

    private async Task<Alert> WaitForStatusAsync(string id, AlertStatus status) =>
        await WaitForAsync(async () => await AlertAsync(id) is { } alert && alert.Status == status ? alert : null);

    private static Task<T> WaitForAsync<T>(Func<T?> probe) where T : class => WaitForAsync(() => Task.FromResult(probe()));

    /// <summary>Polls until the background work has happened; a generous limit, not a timing assertion.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "The background work did not happen in time.");
            await Task.Delay(50);
        }
    }
}
