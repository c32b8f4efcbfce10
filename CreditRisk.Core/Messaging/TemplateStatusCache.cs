using System.Collections.Concurrent;

namespace CreditRisk.Core.Messaging;

/// <summary>
/// Remembers template-status lookups for <see cref="WhatsAppOptions.TemplateStatusCacheMinutes"/> so that a burst of
/// alerts costs one lookup, not one per message. Shared by every (transient) Cloud API client.
/// </summary>
public sealed class TemplateStatusCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Name, string Language), (string? Status, DateTimeOffset Until)> _entries = new();

    /// <summary>The cached status (null = template not found) when still fresh.</summary>
    public bool TryGet(string name, string language, out string? status)
    {
        if (_entries.TryGetValue((name, language), out var entry) && entry.Until > time.GetUtcNow())
        {
            status = entry.Status;
            return true;
        }

        status = null;
        return false;
    }

    public void Set(string name, string language, string? status, TimeSpan lifetime) =>
        _entries[(name, language)] = (status, time.GetUtcNow() + lifetime);
}
