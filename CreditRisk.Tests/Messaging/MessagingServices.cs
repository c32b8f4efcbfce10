using CreditRisk.Core.Messaging;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Messaging;

/// <summary>The messaging registrations as the app makes them, configured against a <see cref="FakeWhatsAppCloudApi"/>.</summary>
internal static class MessagingServices
{
    /// <summary>Settings pointing the client at <paramref name="fake"/>, with short, jitter-free retry delays.</summary>
    public static Dictionary<string, string?> SettingsFor(FakeWhatsAppCloudApi fake) => new()
    {
        ["WhatsApp:BaseUrl"] = fake.BaseUrl,
        ["WhatsApp:ApiVersion"] = FakeWhatsAppCloudApi.ApiVersion,
        ["WhatsApp:PhoneNumberId"] = FakeWhatsAppCloudApi.PhoneNumberId,
        ["WhatsApp:AccessToken"] = FakeWhatsAppCloudApi.AccessToken,
        ["WhatsApp:AppSecret"] = FakeWhatsAppCloudApi.AppSecret,
        ["WhatsApp:VerifyToken"] = FakeWhatsAppCloudApi.VerifyToken,
        ["WhatsApp:RetryBaseDelayMilliseconds"] = "50",
        ["WhatsApp:RetryJitter"] = "false",
        ["WhatsApp:MaxRetryAttempts"] = "3",
    };

    public static ServiceProvider Build(IDictionary<string, string?> settings, ICreditRiskStore? store = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        if (store is not null)
        {
            services.AddSingleton(store);
            services.AddSingleton(store.DevelopmentOutbox);
        }

        services.AddMessaging();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }

    public static TemplateMessage Alert(string alertId = "al-1") => new(
        "+919812345678",
        WhatsAppTemplates.HighRiskAlertKey,
        new Dictionary<string, string> { ["name"] = "Asha Verma", ["reason"] = "Utilisation is 93.5% of the limit", ["helpline"] = "1800-000-0000" },
        alertId);

    public static TemplateMessage Otp(string code = "493021") => new(
        "+919812345678", WhatsAppTemplates.OtpKey, new Dictionary<string, string> { ["code"] = code });
}
