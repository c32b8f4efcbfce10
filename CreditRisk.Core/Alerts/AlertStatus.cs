namespace CreditRisk.Core.Alerts;

/// <summary>Life cycle of an outreach message: pending → sent → delivered → read, or failed / suppressed.</summary>
public enum AlertStatus
{
    Pending = 0,
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Failed = 4,
    Suppressed = 5,
}
