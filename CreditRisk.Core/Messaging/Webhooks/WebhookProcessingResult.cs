namespace CreditRisk.Core.Messaging.Webhooks;

/// <summary>What one webhook delivery changed.</summary>
/// <param name="StatusesApplied">Statuses that changed an alert.</param>
/// <param name="StatusesIgnored">Statuses about unknown messages, or that changed nothing (late, repeated).</param>
/// <param name="MessagesStored">New customer messages stored.</param>
public sealed record WebhookProcessingResult(int StatusesApplied, int StatusesIgnored, int MessagesStored);
