using System.Text.Json;
using System.Text.Json.Serialization;
using CreditRisk.Core.Audit;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Core.Alerts;

/// <summary>Writes the audit lines of alert sends, deferrals, suppressions and admin overrides.</summary>
public sealed class AlertAudit(IAuditLog audit, TimeProvider time, ILogger<AlertAudit> logger)
{
    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Records <paramref name="action"/> on <paramref name="alert"/> by <paramref name="actor"/>. A failure to write is
    /// logged, never thrown: the alert itself records what happened, and a lost audit line must not turn a sent
    /// message into a retry.
    /// </summary>
    public async Task WriteAsync(string actor, string action, Alert alert, object details, CancellationToken ct)
    {
        var now = AlertTime.Now(time);
        try
        {
            await audit.AddAsync(new AuditEntry
            {
                Id = AuditIds.Next(now),
                At = now,
                Actor = actor,
                Action = action,
                Target = alert.Id,
                NewValue = alert.Status.ToString(),
                Details = JsonSerializer.Serialize(details, AuditJson),
            }, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not audit {Action} of alert {AlertId}", action, alert.Id);
        }
    }
}
