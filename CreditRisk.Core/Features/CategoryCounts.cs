using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditRisk.Core.Features;

/// <summary>
/// One day's purchase count per merchant category code: immutable, keys unique and in ordinal order (so stored
/// documents are canonical), held in one array.
/// </summary>
/// <remarks>
/// A profile holds one of these per day of its 180-day window. As a <see cref="Dictionary{TKey, TValue}"/> each day
/// cost three objects (with the empty one a property initialiser made before the real one replaced it), the largest
/// share of what the nightly re-score allocated; the counts are only ever enumerated, counted, or looked up in tests,
/// and a day has a handful of categories, so a sorted array with binary search serves every use.
/// </remarks>
[JsonConverter(typeof(CategoryCountsJsonConverter))]
public sealed class CategoryCounts : IReadOnlyDictionary<string, int>
{
    private readonly KeyValuePair<string, int>[] _entries;

    private CategoryCounts(KeyValuePair<string, int>[] entries) => _entries = entries;

    /// <summary>No categorised purchase that day; shared, since the counts never change.</summary>
    public static CategoryCounts Empty { get; } = new([]);

    public int Count => _entries.Length;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<int> Values => _entries.Select(e => e.Value);

    public int this[string key] => IndexOf(key) is var i and >= 0 ? _entries[i].Value : throw new KeyNotFoundException($"No purchases in category '{key}'.");

    /// <summary>Counts in any order; throws <see cref="ArgumentException"/> on a repeated or empty key or a count below one.</summary>
    public static CategoryCounts Of(IEnumerable<KeyValuePair<string, int>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var entries = counts.ToArray();
        Array.Sort(entries, ByKey.Instance);
        return FromSorted(entries);
    }

    /// <summary>Counts in any order, as pairs.</summary>
    public static CategoryCounts Of(params (string Category, int Count)[] counts) =>
        Of(counts.Select(c => KeyValuePair.Create(c.Category, c.Count)));

    /// <summary>
    /// Takes ownership of <paramref name="entries"/>, which must already be in ordinal key order (a stored day is):
    /// checked, so a damaged document fails here rather than as wrong features later.
    /// </summary>
    internal static CategoryCounts FromSorted(KeyValuePair<string, int>[] entries)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if (string.IsNullOrEmpty(entries[i].Key) || entries[i].Value < 1)
            {
                throw new ArgumentException($"A category count needs a category and at least one purchase, not '{entries[i].Key}': {entries[i].Value}.", nameof(entries));
            }

            if (i > 0 && string.CompareOrdinal(entries[i - 1].Key, entries[i].Key) >= 0)
            {
                throw new ArgumentException($"Category '{entries[i].Key}' is repeated or out of order.", nameof(entries));
            }
        }

        return entries.Length == 0 ? Empty : new CategoryCounts(entries);
    }

    /// <summary>A copy with one more purchase in <paramref name="category"/>.</summary>
    public CategoryCounts Increment(string category)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        var index = IndexOf(category);
        if (index >= 0)
        {
            var copy = (KeyValuePair<string, int>[])_entries.Clone();
            copy[index] = KeyValuePair.Create(category, copy[index].Value + 1);
            return new CategoryCounts(copy);
        }

        var at = ~index;
        var grown = new KeyValuePair<string, int>[_entries.Length + 1];
        Array.Copy(_entries, grown, at);
        grown[at] = KeyValuePair.Create(category, 1);
        Array.Copy(_entries, at, grown, at + 1, _entries.Length - at);
        return new CategoryCounts(grown);
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out int value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : 0;
        return index >= 0;
    }

    /// <summary>Allocation-free enumeration in key order (the feature engine walks every day of a profile).</summary>
    public ReadOnlySpan<KeyValuePair<string, int>>.Enumerator GetEnumerator() => new ReadOnlySpan<KeyValuePair<string, int>>(_entries).GetEnumerator();

    IEnumerator<KeyValuePair<string, int>> IEnumerable<KeyValuePair<string, int>>.GetEnumerator() => ((IEnumerable<KeyValuePair<string, int>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    /// <summary>The index of <paramref name="key"/>, or the complement of where it belongs.</summary>
    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Array.BinarySearch(_entries, KeyValuePair.Create(key, 0), ByKey.Instance);
    }

    private sealed class ByKey : IComparer<KeyValuePair<string, int>>
    {
        public static ByKey Instance { get; } = new();

        public int Compare(KeyValuePair<string, int> x, KeyValuePair<string, int> y) => string.CompareOrdinal(x.Key, y.Key);
    }
}

/// <summary>A JSON object of category → count, as the dictionary it replaced wrote.</summary>
internal sealed class CategoryCountsJsonConverter : JsonConverter<CategoryCounts>
{
    public override CategoryCounts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CategoryCounts.Of(JsonSerializer.Deserialize<Dictionary<string, int>>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, CategoryCounts value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (category, count) in value)
        {
            writer.WriteNumber(category, count);
        }

        writer.WriteEndObject();
    }
}
