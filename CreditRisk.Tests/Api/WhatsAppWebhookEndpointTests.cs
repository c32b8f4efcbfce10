using System.Net;
using System.Text;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Messaging.Webhooks;
using CreditRisk.Tests.Messaging;

namespace CreditRisk.Tests.Api;

public sealed class WhatsAppWebhookEndpointTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_772_452_800);

    private readonly CreditRiskWebFactory _app = new()
    {
        Settings =
        {
            ["WhatsApp:AppSecret"] = FakeWhatsAppCloudApi.AppSecret,
            ["WhatsApp:VerifyToken"] = FakeWhatsAppCloudApi.VerifyToken,
        },
    };

    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _app.CreateClient();
        await _app.Store.Customers.UpsertManyAsync([new Customer
        {
            Id = "cust-1",
            FullName = "Asha Verma",
            Phone = "+919812345678",
            WhatsAppOptIn = true,
            CreditLimit = 100_000m,
            OpenedOn = new DateOnly(2022, 1, 15),
        }]);
        await _app.Store.Alerts.TryAddAsync(new Alert
        {
            Id = "al-1",
            CustomerId = "cust-1",
            Reason = "Utilisation 94% is above 90%",
            TemplateName = "high_risk_alert",
            Status = AlertStatus.Sent,
            Attempts = 1,
            ProviderMessageId = "wamid.A1",
            TriggeredBy = "pipeline",
            EscalationKey = "esc-1",
            SentAt = T0,
            CreatedAt = T0.AddMinutes(-1),
            UpdatedAt = T0,
        });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Get_SubscribeWithTheVerifyToken_EchoesTheChallengeAsText()
    {
        var response = await _client.GetAsync($"{FakeWhatsAppCloudApi.WebhookPath}?hub.mode=subscribe&hub.verify_token={FakeWhatsAppCloudApi.VerifyToken}&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1")]
    [InlineData("hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1")]
    [InlineData("hub.mode=subscribe&hub.challenge=1")]
    [InlineData("hub.mode=subscribe&hub.verify_token=test-verify-token")]
    public async Task Get_WrongTokenOrMode_Returns403(string query)
    {
        var response = await _client.GetAsync($"{FakeWhatsAppCloudApi.WebhookPath}?{query}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_SignedStatus_Returns200AndAppliesIt()
    {
        var response = await StatusAsync("wamid.A1", "delivered", T0.AddSeconds(5));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = await AlertAsync();
        Assert.Equal((AlertStatus.Delivered, T0.AddSeconds(5)), (alert.Status, alert.DeliveredAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("garbage")]
    public async Task Post_MissingOrBadSignature_Returns401AndChangesNothing(string? signature)
    {
        var before = await AlertAsync();

        var response = await FakeWhatsAppCloudApi.PostWebhookAsync(_client, Status("wamid.A1", "read", T0), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await AlertAsync());
    }

    [Fact]
    public async Task Post_SignatureOfADifferentBody_Returns401AndChangesNothing()
    {
        var signedBody = Status("wamid.A1", "delivered", T0).ToUtf8Json();
        var tamperedBody = Status("wamid.A1", "read", T0).ToUtf8Json();
        using var request = new HttpRequestMessage(HttpMethod.Post, FakeWhatsAppCloudApi.WebhookPath) { Content = new ByteArrayContent(tamperedBody) };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(signedBody, FakeWhatsAppCloudApi.AppSecret));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(AlertStatus.Sent, (await AlertAsync()).Status);
    }

    [Fact]
    public async Task Post_SignatureOverTheRawBytes_AcceptsBodiesThatAreNotReserialisable()
    {
        // Whitespace and key order as Meta may send them: only the raw bytes can be verified.
        var response = await PostSignedAsync("{ \"entry\": [ { \"changes\": [ { \"value\": { \"statuses\": [ { \"status\": \"read\", \"id\": \"wamid.A1\", \"timestamp\": \"1772452900\" } ] }, \"field\": \"messages\" } ] } ], \"object\": \"whatsapp_business_account\" }\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AlertStatus.Read, (await AlertAsync()).Status);
    }

    [Fact]
    public async Task Post_StatusesOutOfOrder_EndReadWithEveryTimestamp()
    {
        await StatusAsync("wamid.A1", "read", T0.AddMinutes(2));
        await StatusAsync("wamid.A1", "delivered", T0.AddSeconds(5));
        await StatusAsync("wamid.A1", "sent", T0.AddSeconds(1));
        await StatusAsync("wamid.A1", "failed", T0.AddMinutes(3));

        var alert = await AlertAsync();
        Assert.Equal(AlertStatus.Read, alert.Status);
        Assert.Equal((T0, T0.AddSeconds(5), T0.AddMinutes(2)), (alert.SentAt!.Value, alert.DeliveredAt!.Value, alert.ReadAt!.Value));
        Assert.Null(alert.FailedAt);
    }

    [Fact]
    public async Task Post_UnknownMessageId_Returns200AndChangesNothing()
    {
        var before = await AlertAsync();

        var response = await StatusAsync("wamid.unknown", "read", T0);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await AlertAsync());
    }

    [Fact]
    public async Task Post_FailedStatus_StoresTheReason()
    {
        await FakeWhatsAppCloudApi.PostWebhookAsync(_client, FakeWhatsAppCloudApi.Payload(new WebhookValue(
            "whatsapp", null, [new WebhookStatus("wamid.A1", "failed", "1772452900", "919812345678", null, [new WebhookError(131047, "Re-engagement message", null, new WebhookErrorData("More than 24 hours have passed"))])], null)));

        var alert = await AlertAsync();
        Assert.Equal(AlertStatus.Failed, alert.Status);
        Assert.Equal("131047: More than 24 hours have passed", alert.FailureReason);
    }

    [Fact]
    public async Task Post_CustomerReply_StoredOnceForTheCustomerAndLinkedToTheAlert()
    {
        var fake = await FakeWhatsAppCloudApi.StartAsync();
        await using var _ = fake;

        var first = await fake.PostCustomerMessageAsync(_client, "wamid.IN1", "+919812345678", "Please call me", replyTo: "wamid.A1", at: T0.AddMinutes(5));
        var redelivered = await fake.PostCustomerMessageAsync(_client, "wamid.IN1", "+919812345678", "Please call me", replyTo: "wamid.A1", at: T0.AddMinutes(5));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        var reply = Assert.Single(await _app.Store.InboundMessages.ListForCustomerAsync("cust-1", 10));
        Assert.Equal(("Please call me", "al-1", "+919812345678", T0.AddMinutes(5)), (reply.Text, reply.AlertId, reply.From, reply.ReceivedAt));
    }

    [Theory]
    [InlineData("{\"object\":\"whatsapp_business_account\",\"entry\":[null]}")]
    [InlineData("{\"entry\":[{\"changes\":[null]}]}")]
    [InlineData("{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":[null]}}]}]}")]
    [InlineData("{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[null]}}]}]}")]
    public async Task Post_SignedPayloadWithANullElement_Returns200AndSkipsIt(string json)
    {
        // Not a 500: WhatsApp would redeliver the same body for days.
        var response = await PostSignedAsync(json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_StatusWithATimestampPastTheCalendar_AppliesTheOthersAndReadsItAsNow()
    {
        var response = await PostSignedAsync("{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":["
            + "{\"id\":\"wamid.A1\",\"status\":\"delivered\",\"timestamp\":\"99999999999999\"},"
            + "{\"id\":\"wamid.A1\",\"status\":\"read\",\"timestamp\":\"1772452900\"}]}}]}]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = await AlertAsync();
        Assert.Equal((AlertStatus.Read, T0.AddSeconds(100)), (alert.Status, alert.ReadAt!.Value));
        Assert.NotNull(alert.DeliveredAt);
    }

    [Fact]
    public async Task Post_MessageWithATimestampPastTheCalendar_IsStored()
    {
        var response = await PostSignedAsync("{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":["
            + "{\"from\":\"919812345678\",\"id\":\"wamid.IN9\",\"timestamp\":\"99999999999999\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}]}]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hi", Assert.Single(await _app.Store.InboundMessages.ListForCustomerAsync("cust-1", 10)).Text);
    }

    private async Task<HttpResponseMessage> PostSignedAsync(string json)
    {
        var raw = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, FakeWhatsAppCloudApi.WebhookPath) { Content = new ByteArrayContent(raw) };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(raw, FakeWhatsAppCloudApi.AppSecret));
        return await _client.SendAsync(request);
    }

    private Task<HttpResponseMessage> StatusAsync(string messageId, string status, DateTimeOffset at) =>
        FakeWhatsAppCloudApi.PostWebhookAsync(_client, Status(messageId, status, at));

    private static WebhookPayload Status(string messageId, string status, DateTimeOffset at) =>
        FakeWhatsAppCloudApi.Payload(new WebhookValue(
            "whatsapp",
            new WebhookMetadata("15550100000", FakeWhatsAppCloudApi.PhoneNumberId),
            [new WebhookStatus(messageId, status, at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "919812345678", null, null)],
            null));

    private async Task<Alert> AlertAsync() => (await _app.Store.Alerts.GetAsync("al-1"))!;
}
