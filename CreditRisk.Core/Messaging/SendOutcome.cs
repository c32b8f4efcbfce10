namespace CreditRisk.Core.Messaging;

/// <summary>How a send ended.</summary>
public enum SendOutcome
{
    /// <summary>Accepted by WhatsApp (or stored in the development outbox).</summary>
    Sent = 0,

    /// <summary>Refused for good (outside the 24-hour window, parameter mismatch, recipient not allowed…); do not retry.</summary>
    Failed = 1,

    /// <summary>Still throttled or failing after the HTTP retries; worth trying again later.</summary>
    TransientFailure = 2,
}
