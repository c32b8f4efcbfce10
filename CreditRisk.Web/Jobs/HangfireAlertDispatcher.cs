using CreditRisk.Core.Alerts;
using Hangfire;

namespace CreditRisk.Web.Jobs;

/// <summary>Hands alerts to Hangfire as <c>send-whatsapp-alert(alertId)</c> jobs and notes each hand-over for the outbox sweep.</summary>
public sealed class HangfireAlertDispatcher(IBackgroundJobClient jobs, AlertDispatchLog dispatched, TimeProvider time) : IAlertDispatcher
{
    public void Enqueue(string alertId)
    {
        jobs.Enqueue<SendWhatsAppAlertJob>(job => job.RunAsync(alertId, CancellationToken.None));
        dispatched.Record(alertId, time.GetUtcNow());
    }

    public void Schedule(string alertId, DateTimeOffset at)
    {
        jobs.Schedule<SendWhatsAppAlertJob>(job => job.RunAsync(alertId, CancellationToken.None), at);
        dispatched.Record(alertId, at);
    }
}
