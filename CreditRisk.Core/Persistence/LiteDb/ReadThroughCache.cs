using System.Collections.Concurrent;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// Documents of one collection kept in memory after their first read or write, so the pipeline's per-batch reads of
/// small, hot documents (customers, current risk) cost a dictionary lookup instead of a LiteDB read each.
/// </summary>
/// <remarks>
/// Safe only because the embedded store opens its file in direct mode, which gives this process the file to itself:
/// every write goes through the repository that owns the cache. Writers store the committed value with
/// <see cref="Set"/>. Readers take the id's <see cref="StampOf"/> before reading the store and offer what they read
/// with <see cref="Offer"/>, which keeps it only if no value was set for an id of the same stripe (nor the cache
/// cleared) since the stamp, so a reader that read just before a write can never put the older value back over the
/// writer's. At
/// <see cref="Capacity"/> entries the cache starts afresh rather than tracking recency: simpler, and a portfolio that
/// fits (100,000 customers use a few tens of MiB) never reaches it.
/// </remarks>
internal sealed class ReadThroughCache<T>(int capacity)
    where T : class
{
    /// <summary>A null value records that the store has no document with that id (the first ingest of a customer asks).</summary>
    private readonly ConcurrentDictionary<string, T?> _entries = new(StringComparer.Ordinal);

    /// <summary>Write counters by id hash: a write to one id only spoils the offers of ids sharing its stripe.</summary>
    private readonly long[] _stripes = new long[1024];
    private long _clears;

    /// <summary>
    /// Entries added since the last clear, counted here because <c>ConcurrentDictionary.Count</c> takes every lock of
    /// the dictionary: asked on each write, it cost more than the write. May run a little over (racing adds).
    /// </summary>
    private int _count;

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

    /// <summary>
    /// The values of <paramref name="ids"/> that exist: cached ones from memory, the others read in one go with
    /// <paramref name="readMany"/> (it returns those that exist, keyed by id; the others are remembered as absent) and
    /// offered to the cache.
    /// </summary>
    public Dictionary<string, T> GetMany(IReadOnlyCollection<string> ids, Func<IReadOnlyList<string>, IReadOnlyDictionary<string, T>> readMany)
    {
        var found = new Dictionary<string, T>(ids.Count, StringComparer.Ordinal);
        var missing = Lookup(ids, found);
        if (missing.Count == 0)
        {
            return found;
        }

        // Every stamp before the read, so a write to any of them during the read spoils its offer.
        var stamps = missing.Select(StampOf).ToArray();
        var read = readMany(missing);
        for (var i = 0; i < missing.Count; i++)
        {
            var value = read.GetValueOrDefault(missing[i]);
            if (value is not null)
            {
                found[missing[i]] = value;
            }

            Offer(missing[i], value, stamps[i]);
        }

        return found;
    }

    /// <summary>Whether the cache knows that the store holds no document with this id (a read found none, and no write since).</summary>
    public bool IsKnownAbsent(string id) => _entries.TryGetValue(id, out var value) && value is null;

    /// <summary>Take before reading <paramref name="id"/> from the store; pass to <see cref="Offer"/> with what was read.</summary>
    public long StampOf(string id) => Interlocked.Read(ref _stripes[Stripe(id)]) + (Interlocked.Read(ref _clears) << 40);

    /// <summary>
    /// What a read of the store begun after <paramref name="stamp"/> found (null: no such document); kept only if no
    /// write came in between.
    /// </summary>
    public void Offer(string id, T? value, long stamp)
    {
        if (Volatile.Read(ref _count) < Capacity && StampOf(id) == stamp && _entries.TryAdd(id, value))
        {
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>A value just committed to the store.</summary>
    public void Set(string id, T value)
    {
        Interlocked.Increment(ref _stripes[Stripe(id)]);
        if (Volatile.Read(ref _count) >= Capacity)
        {
            Interlocked.Increment(ref _clears);
            _entries.Clear();
            Volatile.Write(ref _count, 0);
        }

        if (_entries.TryAdd(id, value))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _entries[id] = value;
        }
    }

    private int Stripe(string id) => (int)((uint)StringComparer.Ordinal.GetHashCode(id) % (uint)_stripes.Length);
}
