namespace CreditRisk.Core.Alerts;

/// <summary>
/// Published in-process after an alert was stored in a new state: created (pending), scheduled for later (quiet
/// hours, daily cap, retry), sent, delivered, read, failed or suppressed. Live views subscribe to it.
/// </summary>
/// <param name="Alert">The alert as stored.</param>
public sealed record AlertChanged(Alert Alert);
