using CreditRisk.Core.Messaging.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CreditRisk.Core.Messaging;

/// <summary>Registrations of the WhatsApp sender, its options and the webhook processor; called by <see cref="DependencyInjection.AddCreditRiskCore"/>.</summary>
internal static class MessagingServiceRegistration
{
    /// <summary>Name of the Cloud API client's resilience pipeline (in logs and metrics).</summary>
    public const string ResiliencePipelineName = "whatsapp-cloud-api";

    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TemplateStatusCache>();
        services.AddTransient<DevelopmentOutboxSender>();
        services.AddHttpClient<WhatsAppCloudClient>((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
                client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");

                // The resilience handler bounds each attempt and the whole call; HttpClient's own 100 s limit would
                // otherwise cut a call short in the middle of its back-off.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler(ResiliencePipelineName, (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
                var attemptTimeout = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds);
                var baseDelay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds);

                // Outermost: the whole call, all attempts and back-off included (the exponential delays sum to
                // below base * 2^attempts, plus up to 50% jitter).
                var delays = baseDelay * (Math.Pow(2, options.MaxRetryAttempts) * 1.5);
                builder.AddTimeout(attemptTimeout * (options.MaxRetryAttempts + 1) + delays + TimeSpan.FromSeconds(5));
                if (options.MaxRetryAttempts > 0)
                {
                    builder.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetryAttempts,
                        Delay = baseDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = options.RetryJitter,
                        ShouldHandle = args => GraphRetryPredicate.ShouldRetryAsync(args.Outcome, args.Context.CancellationToken),
                    });
                }

                builder.AddTimeout(attemptTimeout);
            });

        // Transient like the typed client it may return, so the client's handler rotation still works.
        services.AddTransient<IWhatsAppSender>(sp => sp.GetRequiredService<IOptions<WhatsAppOptions>>().Value.UsesDevelopmentOutbox
            ? sp.GetRequiredService<DevelopmentOutboxSender>()
            : sp.GetRequiredService<WhatsAppCloudClient>());
        services.AddSingleton<WhatsAppWebhookProcessor>();
        return services;
    }
}
