using CreditRisk.Core.Messaging;
using CreditRisk.Tests.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Messaging;

public sealed class WhatsAppCloudClientTests : IAsyncLifetime
{
    private FakeWhatsAppCloudApi _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeWhatsAppCloudApi.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task SendTemplateAsync_HighRiskAlert_PostsTheMappedTemplateToTheVersionedPhoneNumberPath()
    {
        using var services = MessagingServices.Build(MessagingServices.SettingsFor(_fake));
        var sender = services.GetRequiredService<IWhatsAppSender>();

        var result = await sender.SendTemplateAsync(MessagingServices.Alert("alert-42"));

        Assert.IsType<WhatsAppCloudClient>(sender);
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Empty(_fake.Problems);
        var request = Assert.Single(_fake.Requests);
        Assert.Equal($"/{FakeWhatsAppCloudApi.ApiVersion}/{FakeWhatsAppCloudApi.PhoneNumberId}/messages", request.Path);
        Assert.Equal("Bearer " + FakeWhatsAppCloudApi.AccessToken, request.Authorization);
        var accepted = Assert.Single(_fake.Accepted);
        Assert.Equal(accepted.Id, result.ProviderMessageId);
        Assert.Equal("high_risk_alert", accepted.TemplateName);
        Assert.Equal("en_US", accepted.LanguageCode);
        Assert.Equal("919812345678", accepted.To);
        Assert.Equal(["Asha Verma", "Utilisation is 93.5% of the limit", "1800-000-0000"], accepted.BodyParameters);
        Assert.Null(accepted.ButtonParameter);
        Assert.Equal("alert-42", accepted.CallbackData);
        Assert.False(result.UsedFallbackTemplate);
    }

    [Fact]
    public async Task SendTemplateAsync_Otp_CarriesTheCodeInTheBodyAndOnTheCopyCodeButton()
    {
        using var services = MessagingServices.Build(MessagingServices.SettingsFor(_fake));

        var result = await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Otp("493021"));

        Assert.True(result.IsSent);
        Assert.Empty(_fake.Problems);
        var accepted = Assert.Single(_fake.Accepted);
        Assert.Equal("creditrisk_otp", accepted.TemplateName);
        Assert.Equal(["493021"], accepted.BodyParameters);
        Assert.Equal("493021", accepted.ButtonParameter);
        Assert.Contains("\"sub_type\":\"url\"", _fake.Requests.Single().Body);
        Assert.Contains("\"index\":\"0\"", _fake.Requests.Single().Body);
    }

    [Fact]
    public async Task SendTemplateAsync_ConfiguredTemplateMapping_UsesTheConfiguredNameLanguageAndParameterOrder()
    {
        var settings = MessagingServices.SettingsFor(_fake);
        settings["WhatsApp:Templates:HighRiskAlert:Name"] = "risk_warning_v2";
        settings["WhatsApp:Templates:HighRiskAlert:LanguageCode"] = "en";
        settings["WhatsApp:Templates:HighRiskAlert:BodyParameters"] = "reason, name";
        using var services = MessagingServices.Build(settings);

        await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Alert());

        var accepted = Assert.Single(_fake.Accepted);
        Assert.Equal(("risk_warning_v2", "en"), (accepted.TemplateName, accepted.LanguageCode));
        Assert.Equal(["Utilisation is 93.5% of the limit", "Asha Verma"], accepted.BodyParameters);
    }

    [Theory]
    [InlineData(GraphErrorCodes.TemplateDoesNotExist)]
    [InlineData(GraphErrorCodes.TemplatePaused)]
    public async Task SendTemplateAsync_TemplateRefused_SendsHelloWorldInsteadAndRecordsTheFallback(int code)
    {
        _fake.FailTemplate("high_risk_alert", code);
        using var services = MessagingServices.Build(MessagingServices.SettingsFor(_fake));

        var result = await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Alert("alert-7"));

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.True(result.UsedFallbackTemplate);
        Assert.Equal("hello_world", result.TemplateName);
        Assert.Equal(code, result.ErrorCode);
        Assert.Contains("high_risk_alert", result.Error);
        Assert.Empty(_fake.Problems);
        Assert.Equal(2, _fake.MessageRequests.Count());
        var accepted = Assert.Single(_fake.Accepted);
        Assert.Equal(("hello_world", "en_US"), (accepted.TemplateName, accepted.LanguageCode));
        Assert.Empty(accepted.BodyParameters);
        Assert.Equal("alert-7", accepted.CallbackData);
    }

    [Theory]
    [InlineData("PAUSED")]
    [InlineData("REJECTED")]
    [InlineData("PENDING")]
    public async Task SendTemplateAsync_TemplateLookupSaysNotApproved_SendsHelloWorldWithoutTryingTheTemplate(string status)
    {
        _fake.TemplateStatuses["high_risk_alert"] = ("en_US", status);
        var settings = MessagingServices.SettingsFor(_fake);
        settings["WhatsApp:BusinessAccountId"] = FakeWhatsAppCloudApi.BusinessAccountId;
        using var services = MessagingServices.Build(settings);

        var result = await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Alert());

        Assert.True(result.IsSent);
        Assert.True(result.UsedFallbackTemplate);
        Assert.Contains(status, result.Error);
        Assert.Empty(_fake.Problems);
        var posted = Assert.Single(_fake.MessageRequests);
        Assert.Contains("hello_world", posted.Body);
        Assert.Equal("hello_world", Assert.Single(_fake.Accepted).TemplateName);
    }

    [Fact]
    public async Task SendTemplateAsync_TemplateLookupSaysApproved_SendsTheTemplateAndCachesTheLookup()
    {
        _fake.TemplateStatuses["high_risk_alert"] = ("en_US", "APPROVED");
        var settings = MessagingServices.SettingsFor(_fake);
        settings["WhatsApp:BusinessAccountId"] = FakeWhatsAppCloudApi.BusinessAccountId;
        using var services = MessagingServices.Build(settings);
        var sender = services.GetRequiredService<IWhatsAppSender>();

        await sender.SendTemplateAsync(MessagingServices.Alert("a1"));
        await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Alert("a2"));

        Assert.Equal(["high_risk_alert", "high_risk_alert"], _fake.Accepted.Select(m => m.TemplateName));
        Assert.Single(_fake.Requests, r => r.Method == "GET");
        Assert.Empty(_fake.Problems);
    }

    [Theory]
    [InlineData(GraphErrorCodes.ThroughputLimit, 400)]
    [InlineData(GraphErrorCodes.PairRateLimit, 400)]
    [InlineData(1, 500)]
    [InlineData(2, 503)]
    public async Task SendTemplateAsync_ThrottledOrServerErrorTwice_RetriesWithGrowingBackOffThenSends(int code, int httpStatus)
    {
        _fake.FailNext(code, times: 2, httpStatus);
        using var services = MessagingServices.Build(MessagingServices.SettingsFor(_fake));

        var result = await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Alert());

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var requests = _fake.MessageRequests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Single(_fake.Accepted);

        // Exponential back-off without jitter: at least 50 ms, then at least 100 ms between attempts.
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(45), $"first gap {requests[1].At - requests[0].At}");
        Assert.True(requests[2].At - requests[1].At >= TimeSpan.FromMilliseconds(95), $"second gap {requests[2].At - requests[1].At}");
    }

    [Fact]
    public async Task SendTemplateAsync_ThrottledBeyondTheRetries_ReturnsATransientFailureWithTheCode()
    {
        _fake.FailNext(GraphErrorCodes.ThroughputLimit, times: 10);
        using var services = MessagingServices.Build(MessagingServices.SettingsFor(_fake));

        var result = await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Alert());

        Assert.Equal(SendOutcome.TransientFailure, result.Outcome);
        Assert.Equal(GraphErrorCodes.ThroughputLimit, result.ErrorCode);
        Assert.Equal(4, _fake.MessageRequests.Count());
        Assert.Empty(_fake.Accepted);
    }

    [Theory]
    [InlineData(GraphErrorCodes.OutsideCustomerServiceWindow)]
    [InlineData(GraphErrorCodes.TemplateParameterMismatch)]
    [InlineData(GraphErrorCodes.RecipientNotAllowed)]
    public async Task SendTemplateAsync_NonRetryableCode_FailsAtOnceWithTheReason(int code)
    {
        _fake.FailNext(code, times: 5);
        using var services = MessagingServices.Build(MessagingServices.SettingsFor(_fake));

        var result = await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Alert());

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Equal(code, result.ErrorCode);
        Assert.StartsWith($"{code}: ", result.Error);
        Assert.Single(_fake.MessageRequests);
        Assert.False(result.UsedFallbackTemplate);
    }

    [Fact]
    public async Task SendTemplateAsync_AcceptedWithoutAMessageId_IsSentAndNotSentAgain()
    {
        _fake.AnswerWithoutMessageId = true;
        using var services = MessagingServices.Build(MessagingServices.SettingsFor(_fake));

        var result = await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Alert("alert-9"));

        Assert.Equal((SendOutcome.Sent, null), (result.Outcome, result.ProviderMessageId));
        Assert.Single(_fake.MessageRequests);
    }

    [Theory]
    [InlineData(GraphErrorCodes.AccessTokenRefused, 401)]
    [InlineData(GraphErrorCodes.AccessTokenRefused, 400)]
    public async Task SendTemplateAsync_AccessTokenRefused_IsATransientFailureNotRetriedAtOnce(int code, int httpStatus)
    {
        _fake.FailNext(code, times: 5, httpStatus);
        using var services = MessagingServices.Build(MessagingServices.SettingsFor(_fake));

        var result = await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Alert());

        // An expired or rotated token is the bank's setup, not the message: the alert must wait for a renewed token.
        Assert.Equal((SendOutcome.TransientFailure, GraphErrorCodes.AccessTokenRefused), (result.Outcome, result.ErrorCode));
        Assert.Single(_fake.MessageRequests);
    }

    [Theory]
    [InlineData(GraphErrorCodes.TemplateDoesNotExist)]
    [InlineData(GraphErrorCodes.TemplatePaused)]
    public async Task SendTemplateAsync_OtpTemplateRefused_FailsWithoutSendingHelloWorld(int code)
    {
        _fake.FailTemplate("creditrisk_otp", code);
        using var services = MessagingServices.Build(MessagingServices.SettingsFor(_fake));

        var result = await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Otp("493021"));

        // hello_world carries no code: the customer could not sign in, and the send would read as done.
        Assert.Equal((SendOutcome.Failed, false), (result.Outcome, result.UsedFallbackTemplate));
        Assert.Empty(_fake.Accepted);
    }

    [Fact]
    public async Task SendTemplateAsync_OtpTemplateLookupSaysPaused_FailsWithoutSendingAnything()
    {
        _fake.TemplateStatuses["creditrisk_otp"] = ("en_US", "PAUSED");
        var settings = MessagingServices.SettingsFor(_fake);
        settings["WhatsApp:BusinessAccountId"] = FakeWhatsAppCloudApi.BusinessAccountId;
        using var services = MessagingServices.Build(settings);

        var result = await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Otp("493021"));

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Contains("PAUSED", result.Error);
        Assert.Empty(_fake.MessageRequests);
    }

    [Fact]
    public async Task SendTemplateAsync_NoAccessToken_KeepsTheMessageInTheDevelopmentOutboxAndCallsNothing()
    {
        await using var temp = await TempLiteDbStore.CreateAsync();
        var settings = MessagingServices.SettingsFor(_fake);
        settings["WhatsApp:AccessToken"] = "";
        using var services = MessagingServices.Build(settings, temp.Store);

        var result = await services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(MessagingServices.Otp("112233"));

        Assert.True(result.IsSent);
        Assert.StartsWith(DevelopmentOutboxSender.MessageIdPrefix, result.ProviderMessageId);
        Assert.Empty(_fake.Requests);
        var stored = Assert.Single(await temp.Store.DevelopmentOutbox.ListForRecipientAsync("+919812345678", 10));
        Assert.Equal(result.ProviderMessageId, stored.Id);
        Assert.Equal("creditrisk_otp", stored.TemplateName);
        Assert.Equal(["112233"], stored.BodyParameters);
        Assert.Equal("112233", stored.ButtonParameter);
    }

    [Fact]
    public async Task SendTemplateAsync_MissingMappedValue_ThrowsWithoutCallingTheApi()
    {
        using var services = MessagingServices.Build(MessagingServices.SettingsFor(_fake));
        var message = MessagingServices.Alert() with { Values = new Dictionary<string, string> { ["name"] = "Asha" } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<IWhatsAppSender>().SendTemplateAsync(message));

        Assert.Contains("reason", ex.Message);
        Assert.Empty(_fake.Requests);
    }
}
