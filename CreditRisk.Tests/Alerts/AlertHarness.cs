using System.Collections.Concurrent;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Messaging;
using CreditRisk.Core.Messaging.Webhooks;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Ingestion;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Alerts;

/// <summary>An <see cref="AlertDeliveryService"/> over a temporary LiteDB store with a controllable clock and sender.</summary>
internal sealed class AlertHarness : IAsyncDisposable
{
    /// <summary>Monday 2 March 2026, 12:00 UTC: outside the default quiet hours.</summary>
    public static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly TempLiteDbStore _temp;

    private AlertHarness(TempLiteDbStore temp, AlertDeliveryOptions options)
    {
        _temp = temp;
        Options = options;
        Sender = new ScriptedSender();
    }

    public Core.Persistence.LiteDb.LiteDbCreditRiskStore Store => _temp.Store;

    public FakeTimeProvider Time { get; } = new(Noon);

    public AlertDeliveryOptions Options { get; }

    public ScriptedSender Sender { get; }

    /// <summary>Every alert change the services published, in order.</summary>
    public RecordingAlertEvents Events { get; } = new();

    public AlertAudit Audit => new(Store.Audit, Time, NullLogger<AlertAudit>.Instance);

    /// <summary>This "process's" turns per customer, shared by every <see cref="Delivery"/> as the DI singleton is.</summary>
    public AutomaticAlertTurns Turns { get; } = new();

    public AlertDeliveryService Delivery => new(
        Store, Sender, Microsoft.Extensions.Options.Options.Create(Options), Time, Audit, Events, NullLogger<AlertDeliveryService>.Instance, Turns);

    /// <summary>A delivery as another app instance on the same store runs it: its own turns.</summary>
    public AlertDeliveryService DeliveryOfAnotherInstance => new(
        Store, Sender, Microsoft.Extensions.Options.Options.Create(Options), Time, Audit, Events, NullLogger<AlertDeliveryService>.Instance, new AutomaticAlertTurns());

    /// <summary>An admin's manual send, over <see cref="Delivery"/>.</summary>
    public ManualAlertService Manual => new(Store.Customers, Store.Alerts, Delivery, Audit, Events, Microsoft.Extensions.Options.Options.Create(Options), Time);

    /// <summary>The service with the real development-outbox sender (offline, stores what it "sends").</summary>
    public AlertDeliveryService OutboxDelivery => new(
        Store,
        new DevelopmentOutboxSender(Store.DevelopmentOutbox, Microsoft.Extensions.Options.Options.Create(new WhatsAppOptions()), Time, NullLogger<DevelopmentOutboxSender>.Instance),
        Microsoft.Extensions.Options.Options.Create(Options),
        Time,
        Audit,
        Events,
        NullLogger<AlertDeliveryService>.Instance);

    /// <summary>This "process's" customer locks, shared by every <see cref="Webhooks"/> as the DI singleton is.</summary>
    public CustomerLockTable Locks { get; } = new();

    public WhatsAppWebhookProcessor Webhooks => new(Store, Events, Time, NullLogger<WhatsAppWebhookProcessor>.Instance, Locks);

    public static async Task<AlertHarness> CreateAsync(AlertDeliveryOptions? options = null) =>
        new(await TempLiteDbStore.CreateAsync(), options ?? new AlertDeliveryOptions());

    public async Task<Customer> AddCustomerAsync(string id = "cust-1", bool optIn = true, string? timeZone = null)
    {
        var customer = new Customer
        {
            Id = id,
            FullName = "Asha Verma",
            Phone = "+919812345678",
            WhatsAppOptIn = optIn,
            WhatsAppOptInAt = optIn ? Noon.AddDays(-30) : null,
            CreditLimit = 100_000m,
            OpenedOn = new DateOnly(2022, 1, 15),
            TimeZone = timeZone,
        };
        await Store.Customers.UpsertManyAsync([customer]);
        return customer;
    }

    /// <summary>A pending automatic alert (escalation key set) or manual one (none).</summary>
    public async Task<Alert> AddAlertAsync(string id = "al-1", string customerId = "cust-1", bool automatic = true, DateTimeOffset? createdAt = null)
    {
        var at = createdAt ?? Time.GetUtcNow();
        var alert = new Alert
        {
            Id = id,
            CustomerId = customerId,
            Reason = "Utilisation is 93.5% of the limit",
            TemplateName = WhatsAppTemplates.HighRiskAlertKey,
            Status = AlertStatus.Pending,
            TriggeredBy = automatic ? "pipeline" : "admin",
            EscalationKey = automatic ? "esc-" + id : null,
            CreatedAt = at,
            UpdatedAt = at,
        };
        Assert.True(await Store.Alerts.TryAddAsync(alert));
        return alert;
    }

    public async Task<Alert> AlertAsync(string id = "al-1") => (await Store.Alerts.GetAsync(id))!;

    public ValueTask DisposeAsync() => _temp.DisposeAsync();
}

/// <summary>A WhatsApp sender answering from a script (default: sent, with a fresh message id) and recording every message.</summary>
internal sealed class ScriptedSender : IWhatsAppSender
{
    private readonly ConcurrentQueue<SendResult> _script = new();
    private int _sequence;

    public ConcurrentQueue<TemplateMessage> Sent { get; } = new();

    /// <summary>Runs while a send is in flight (before it returns), e.g. to simulate a webhook overtaking the response.</summary>
    public Func<TemplateMessage, string, Task>? DuringSend { get; set; }

    public void Then(SendResult result) => _script.Enqueue(result);

    public async Task<SendResult> SendTemplateAsync(TemplateMessage message, CancellationToken ct = default)
    {
        Sent.Enqueue(message);
        var id = $"wamid.s{Interlocked.Increment(ref _sequence)}";
        if (DuringSend is { } during)
        {
            await during(message, id);
        }

        return _script.TryDequeue(out var scripted) ? scripted : new SendResult(SendOutcome.Sent, id, message.TemplateKey);
    }
}
