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

    /// <summary>
    /// Raises the alerts of the escalations among <paramref name="assessments"/> in one write (their priors from
    /// <paramref name="priors"/>); returns the id of each alert raised by the id of its assessment. An escalation whose
    /// alert exists already (a retry, a recovery) gets none.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> RaiseAsync(
        IEnumerable<RiskAssessment> assessments, IReadOnlyDictionary<string, CustomerRisk> priors, DateTimeOffset now, CancellationToken ct)
    {
        var raised = assessments
            .Where(IsEscalation)
            .Select(a => (Assessment: a, Alert: Build(_ids.Next(now), a, priors.GetValueOrDefault(a.CustomerId), options.Value.AlertTemplateName, now)))
            .ToList();
        if (raised.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var added = await alerts.TryAddManyAsync([.. raised.Select(r => r.Alert)], ct).ConfigureAwait(false);
        var alertOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (assessment, alert) in raised.Where(r => added.Contains(r.Alert.Id)))
        {
            logger.LogInformation(
                "Customer {CustomerId} escalated to High ({Reason}); alert {AlertId} pending", assessment.CustomerId, alert.Reason, alert.Id);
            alertOf[assessment.Id] = alert.Id;
        }

        return alertOf;
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
