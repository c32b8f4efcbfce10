using LiteDB;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// One page of documents LiteDB has ordered by a single key, with equal keys broken by a second field: LiteDB 5
/// orders by one expression only, and rows tied on it (one score, one moment) came back in index order, so two pages
/// could repeat or skip a row and the stores disagreed. The stream is read from its start through the page's end and
/// on through the last row's tie group (a group straddling the page's start is kept whole too), then sorted in full.
/// </summary>
internal static class TieBrokenPage
{
    public static List<BsonDocument> Read(
        IEnumerable<BsonDocument> ordered, string keyField, bool descending, string tieField, bool tieDescending, int skip, int take)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        skip = Math.Max(0, skip);
        var held = new List<BsonDocument>();
        var dropped = 0;
        foreach (var document in ordered)
        {
            var position = dropped + held.Count;
            if (held.Count > 0 && document[keyField] != held[^1][keyField])
            {
                if (position >= skip + take)
                {
                    break;
                }

                // Every held row is in a tie group that ended before the page starts: only their count matters.
                if (position <= skip)
                {
                    dropped = position;
                    held.Clear();
                }
            }

            held.Add(document);
        }

        var byKey = descending ? held.OrderByDescending(d => d[keyField]) : held.OrderBy(d => d[keyField]);
        var byTie = tieDescending
            ? byKey.ThenByDescending(d => d[tieField].AsString, StringComparer.Ordinal)
            : byKey.ThenBy(d => d[tieField].AsString, StringComparer.Ordinal);
        return [.. byTie.Skip(skip - dropped).Take(take)];
    }
}
