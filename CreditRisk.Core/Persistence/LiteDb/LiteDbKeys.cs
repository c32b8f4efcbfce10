using System.Globalization;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// Synthetic compound keys. LiteDB has no compound indexes, so "customer then time" is one string field whose
/// ordinal order is the wanted order. The separator cannot appear in ids, and the time part has a fixed width.
/// </summary>
internal static class LiteDbKeys
{
    /// <summary>Unit separator: sorts below every printable character, never part of an id.</summary>
    public const char Separator = '\u001f';

    /// <summary>Greater than any time text (digits, '-', ':', 'T', '.'), so <c>prefix + Max</c> closes a range.</summary>
    private const string Max = "~";

    public static string Time(DateTimeOffset at) =>
        LiteDbMapper.TruncateToMilliseconds(at.UtcDateTime).ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary><c>{owner}␟{time}␟{id}</c>: the id breaks ties so keys stay distinct and order is deterministic.</summary>
    public static string OwnerTime(string owner, DateTimeOffset at, string id) =>
        string.Concat(owner, Separator.ToString(), Time(at), Separator.ToString(), id);

    /// <summary>Lower bound (inclusive) of an owner's keys at or after <paramref name="at"/>.</summary>
    public static string From(string owner, DateTimeOffset at) => string.Concat(owner, Separator.ToString(), Time(at));

    /// <summary>Lowest possible key of an owner.</summary>
    public static string First(string owner) => owner + Separator;

    /// <summary>Upper bound (inclusive) above every key of an owner.</summary>
    public static string Last(string owner) => owner + Separator + Max;
}
