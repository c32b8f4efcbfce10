using CreditRisk.Core.Alerts;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Raises the one pending alert of an escalation into High, keyed by the customer's state before it
/// (<see cref="EscalationKeys"/>), so a retry, a recovery or another instance hitting the same escalation adds none.
/// </summary>
internal sealed class EscalationAlerts(IAlertRepository alerts, IOptions<RiskPipelineOptions> options, ILogger logger)
{
    private readonly SequentialIds _ids = new();

    public async Task<string?> RaiseAsync(RiskAssessment assessment, CustomerRisk? prior, DateTimeOffset now, CancellationToken ct)
    {
        var alert = Build(_ids.Next(now), assessment, prior, options.Value.AlertTemplateName, now);
        if (await alerts.TryAddAsync(alert, ct).ConfigureAwait(false))
        {
            logger.LogInformation(
                "Customer {CustomerId} escalated to High ({Reason}); alert {AlertId} pending", assessment.CustomerId, alert.Reason, alert.Id);
            return alert.Id;
        }

        return null;
    }

    /// <summary>An assessment escalates when it moves a customer into High from any other band (or from none).</summary>
    public static bool IsEscalation(RiskAssessment assessment) => assessment.Band == RiskBand.High && assessment.PreviousBand != RiskBand.High;

    /// <summary>The pending alert of <paramref name="assessment"/>'s escalation into High from <paramref name="prior"/>.</summary>
    public static Alert Build(string id, RiskAssessment assessment, CustomerRisk? prior, string templateName, DateTimeOffset now) => new()
    {
        Id = id,
        CustomerId = assessment.CustomerId,
        // The customer reads this (their dashboard, the message): their words, never thresholds or a model id.
        Reason = CustomerReasons.Of(assessment)[0],
        TemplateName = templateName,
        Status = AlertStatus.Pending,
        TriggeredBy = RiskPipeline.AlertActor,
        EscalationKey = EscalationKeys.For(assessment.CustomerId, EscalationKeys.BasisOf(prior), RiskBand.High),
        CreatedAt = now,
        UpdatedAt = now,
    };
}
