using CreditRisk.Core.Audit;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

internal sealed class LiteDbAuditLog(LiteDbContext db) : IAuditLog
{
    private readonly ILiteCollection<BsonDocument> _entries = db.Collection(LiteDbCollections.Audit);

    public void EnsureIndexes()
    {
        _entries.EnsureIndex("At", "$.At");
        _entries.EnsureIndex("Action", "$.Action");
        _entries.EnsureIndex("Actor", "$.Actor");
    }

    public Task AddAsync(AuditEntry entry, CancellationToken ct = default) => Run(() => db.Write(() => _entries.Insert(db.ToDocument(entry))), ct);

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string? actionPrefix, int skip, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<AuditEntry>>(() =>
        {
            var query = _entries.Query();
            if (!string.IsNullOrEmpty(actionPrefix))
            {
                // A range rather than LIKE: LiteDB's LIKE ignores case whatever the collation.
                query = query.Where(Query.Between("Action", actionPrefix, actionPrefix + char.MaxValue));
            }

            return TieBrokenPage.Read(query.OrderByDescending("At").ToEnumerable(), "At", descending: true, "_id", tieDescending: true, skip, take)
                .Select(db.ToEntity<AuditEntry>)
                .ToList();
        }, ct);

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, int skip, int take, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Actor is null)
        {
            return ListAsync(query.ActionPrefix, skip, take, ct);
        }

        return Run<IReadOnlyList<AuditEntry>>(() =>
        {
            if (take <= 0)
            {
                return [];
            }

            // The actor index narrows the set to one person's entries; the prefix is checked on those.
            var matches = _entries.Query()
                .Where(Query.EQ("Actor", query.Actor))
                .ToEnumerable()
                .Select(db.ToEntity<AuditEntry>);
            if (!string.IsNullOrEmpty(query.ActionPrefix))
            {
                matches = matches.Where(e => e.Action.StartsWith(query.ActionPrefix, StringComparison.Ordinal));
            }

            return matches
                .OrderByDescending(e => e.At)
                .ThenByDescending(e => e.Id, StringComparer.Ordinal)
                .Skip(Math.Max(0, skip))
                .Take(take)
                .ToList();
        }, ct);
    }
}
