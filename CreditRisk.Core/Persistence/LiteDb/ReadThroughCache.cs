using System.Collections.Concurrent;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// Documents of one collection kept in memory after their first read or write, so the pipeline's per-batch reads of
/// small, hot documents (customers, current risk) cost a dictionary lookup instead of a LiteDB read each.
/// </summary>
/// <remarks>
/// Safe only because the embedded store opens its file in direct mode, which gives this process the file to itself:
/// every write goes through the repository that owns the cache. Writers store the committed value with
/// <see cref="Set"/>. Readers take a <see cref="Stamp"/> before reading the store and offer what they read with
/// <see cref="Offer"/>, which keeps it only if nothing was set or cleared since the stamp, so a reader that read just
/// before a write can never put the older value back over the writer's. At
/// <see cref="Capacity"/> entries the cache starts afresh rather than tracking recency: simpler, and a portfolio that
/// fits (100,000 customers use a few tens of MiB) never reaches it.
/// </remarks>
internal sealed class ReadThroughCache<T>(int capacity)
    where T : class
{
    /// <summary>A null value records that the store has no document with that id (the first ingest of a customer asks).</summary>
    private readonly ConcurrentDictionary<string, T?> _entries = new(StringComparer.Ordinal);
    private long _changes;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>
    /// The cached values among <paramref name="ids"/> go into <paramref name="found"/>; returns the ids neither cached
    /// nor known to be absent, once each, which must be read from the store.
    /// </summary>
    public List<string> Lookup(IEnumerable<string> ids, Dictionary<string, T> found)
    {
        var missing = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                continue;
            }

            if (_entries.TryGetValue(id, out var value))
            {
                if (value is not null)
                {
                    found[id] = value;
                }
            }
            else
            {
                missing.Add(id);
            }
        }

        return missing;
    }

    /// <summary>Take before reading the store; pass to <see cref="Offer"/> with what was read.</summary>
    public long Stamp => Interlocked.Read(ref _changes);

    /// <summary>
    /// What a read of the store begun after <paramref name="stamp"/> found (null: no such document); kept only if no
    /// write came in between.
    /// </summary>
    public void Offer(string id, T? value, long stamp)
    {
        if (_entries.Count < Capacity && Interlocked.Read(ref _changes) == stamp)
        {
            _entries.TryAdd(id, value);
        }
    }

    /// <summary>A value just committed to the store.</summary>
    public void Set(string id, T value)
    {
        Interlocked.Increment(ref _changes);
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[id] = value;
    }
}
