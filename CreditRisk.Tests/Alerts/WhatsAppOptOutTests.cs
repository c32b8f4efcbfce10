using System.Globalization;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Messaging.Webhooks;
using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Messaging;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreditRisk.Tests.Alerts;

/// <summary>A customer's "STOP" on WhatsApp withdraws their opt-in, so no further alert is sent to them; their "START" gives it again.</summary>
public sealed class WhatsAppOptOutTests
{
    /// <summary>The customer's reply, written at noon and <paramref name="minutesLater"/>.</summary>
    private static WebhookPayload Reply(string id, string text, int minutesLater = 0) => FakeWhatsAppCloudApi.Payload(new WebhookValue(
        "whatsapp", null, null,
        [new WebhookMessage("919812345678", id, AlertHarness.Noon.AddMinutes(minutesLater).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "text", new WebhookText(text), null, null)]));

    [Theory]
    [InlineData("STOP")]
    [InlineData(" stop ")]
    [InlineData("Unsubscribe.")]
    [InlineData("opt out")]
    public async Task Reply_OptOutWord_WithdrawsTheOptInAuditsItAndTheNextAlertIsSuppressed(string text)
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();

        await h.Webhooks.ProcessAsync(Reply("wamid.IN1", text));
        await h.AddAlertAsync();
        var result = await h.Delivery.DeliverAsync("al-1", "job:send-whatsapp-alert");

        var customer = (await h.Store.Customers.GetAsync("cust-1"))!;
        Assert.False(customer.WhatsAppOptIn);
        Assert.Null(customer.WhatsAppOptInAt);
        Assert.Equal(AlertDeliveryOutcome.Suppressed, result.Outcome);
        var entry = Assert.Single(await h.Store.Audit.ListAsync(WhatsAppConsentReply.OptOut.Action, 0, 10));
        Assert.Equal(("whatsapp:+919812345678", "customer:cust-1", "opted in", "opted out"), (entry.Actor, entry.Target, entry.OldValue, entry.NewValue));
    }

    [Theory]
    [InlineData("Please don't stop my card")]
    [InlineData("stopped paying by mistake, will pay today")]
    [InlineData("OK")]
    public async Task Reply_OtherText_KeepsTheOptIn(string text)
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();

        await h.Webhooks.ProcessAsync(Reply("wamid.IN1", text));

        Assert.True((await h.Store.Customers.GetAsync("cust-1"))!.WhatsAppOptIn);
        Assert.Empty(await h.Store.Audit.ListAsync(WhatsAppConsentReply.OptOut.Action, 0, 10));
    }

    [Fact]
    public async Task Reply_StopRedeliveredAfterTheBankOptedThemInAgain_LeavesTheNewOptIn()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.Webhooks.ProcessAsync(Reply("wamid.IN1", "STOP"));
        var stopped = (await h.Store.Customers.GetAsync("cust-1"))!;
        await h.Store.Customers.UpsertManyAsync([stopped with { WhatsAppOptIn = true, WhatsAppOptInAt = AlertHarness.Noon }]);

        // WhatsApp redelivers a webhook until it gets a 200: the same message must not withdraw the new consent.
        await h.Webhooks.ProcessAsync(Reply("wamid.IN1", "STOP"));

        Assert.True((await h.Store.Customers.GetAsync("cust-1"))!.WhatsAppOptIn);
        Assert.Single(await h.Store.Audit.ListAsync(WhatsAppConsentReply.OptOut.Action, 0, 10));
    }

    [Fact]
    public async Task Reply_StopWhileTheCustomersRecordIsBeingStored_WaitsForItAndKeepsWhatItChanged()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        Task stop;
        using (await h.Locks.AcquireAsync(["cust-1"]))
        {
            // The bank's customer file holds the customer's lock from its read to its write.
            var read = (await h.Store.Customers.GetAsync("cust-1"))!;
            stop = h.Webhooks.ProcessAsync(Reply("wamid.IN1", "STOP"));
            await Task.WhenAny(stop, Task.Delay(TimeSpan.FromMilliseconds(500)));
            await h.Store.Customers.UpsertManyAsync([read with { CreditLimit = 70_000m }]);
        }

        await stop;

        var stored = (await h.Store.Customers.GetAsync("cust-1"))!;
        Assert.Equal((70_000m, false), (stored.CreditLimit, stored.WhatsAppOptIn));
    }

    [Theory]
    [InlineData("START")]
    [InlineData("start!")]
    [InlineData("Opt in")]
    public async Task Reply_StartAfterStop_OptsInAgainAuditsItAndTheNextAlertIsSent(string text)
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.Webhooks.ProcessAsync(Reply("wamid.IN1", "STOP"));

        await h.Webhooks.ProcessAsync(Reply("wamid.IN2", text, minutesLater: 1));
        await h.AddAlertAsync();
        var result = await h.Delivery.DeliverAsync("al-1", "job:send-whatsapp-alert");

        var customer = (await h.Store.Customers.GetAsync("cust-1"))!;
        Assert.Equal((true, null), (customer.WhatsAppOptIn, customer.WhatsAppOptedOutAt));
        Assert.NotNull(customer.WhatsAppOptInAt);
        Assert.Equal(AlertDeliveryOutcome.Sent, result.Outcome);
        var entry = Assert.Single(await h.Store.Audit.ListAsync(WhatsAppConsentReply.OptIn.Action, 0, 10));
        Assert.Equal(("whatsapp:+919812345678", "customer:cust-1", "opted out", "opted in"), (entry.Actor, entry.Target, entry.OldValue, entry.NewValue));
    }

    [Fact]
    public async Task Replies_StopThenStartDeliveredOutOfOrder_EndOptedIn()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();

        // WhatsApp does not deliver in order: the customer's later START arrives first, while they are still opted in.
        await h.Webhooks.ProcessAsync(Reply("wamid.IN2", "START", minutesLater: 5));
        await h.Webhooks.ProcessAsync(Reply("wamid.IN1", "STOP"));

        Assert.True((await h.Store.Customers.GetAsync("cust-1"))!.WhatsAppOptIn);
        Assert.Empty(await h.Store.Audit.ListAsync(WhatsAppConsentReply.OptOut.Action, 0, 10));
    }

    [Fact]
    public async Task Reply_StopWhoseConsentWriteFailedAfterItsMessageWasStored_IsAppliedWhenDeliveredAgain()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        var failing = new StoreWhoseCustomerWriteFailsOnce(h.Store);
        var processor = new WhatsAppWebhookProcessor(failing, h.Events, h.Time, NullLogger<WhatsAppWebhookProcessor>.Instance, h.Locks);

        // The endpoint answers 500, so WhatsApp delivers the same body again.
        await Assert.ThrowsAsync<IOException>(() => processor.ProcessAsync(Reply("wamid.IN1", "STOP")));
        await processor.ProcessAsync(Reply("wamid.IN1", "STOP"));

        Assert.False((await h.Store.Customers.GetAsync("cust-1"))!.WhatsAppOptIn);
        Assert.Single(await h.Store.InboundMessages.ListForCustomerAsync("cust-1", 10));
        Assert.Single(await h.Store.Audit.ListAsync(WhatsAppConsentReply.OptOut.Action, 0, 10));
    }

    [Fact]
    public async Task Reply_StartWhileOptedIn_ChangesNothing()
    {
        await using var h = await AlertHarness.CreateAsync();
        var customer = await h.AddCustomerAsync();

        await h.Webhooks.ProcessAsync(Reply("wamid.IN1", "START"));

        Assert.Equal(customer.WhatsAppOptInAt, (await h.Store.Customers.GetAsync("cust-1"))!.WhatsAppOptInAt);
        Assert.Empty(await h.Store.Audit.ListAsync(WhatsAppConsentReply.OptIn.Action, 0, 10));
    }

    private sealed class StoreWhoseCustomerWriteFailsOnce(ICreditRiskStore inner) : DelegatingStore(inner)
    {
        private readonly FailingOnce _customers = new(inner.Customers);

        public override ICustomerRepository Customers => _customers;

        private sealed class FailingOnce(ICustomerRepository inner) : DelegatingCustomers(inner)
        {
            private int _failures = 1;

            public override Task UpsertManyAsync(IReadOnlyCollection<Customer> customers, CancellationToken ct = default) =>
                Interlocked.Decrement(ref _failures) >= 0 ? Task.FromException(new IOException("store briefly unavailable")) : base.UpsertManyAsync(customers, ct);
        }
    }
}
