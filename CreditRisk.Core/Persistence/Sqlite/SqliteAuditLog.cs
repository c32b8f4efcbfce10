using System.Text;
using CreditRisk.Core.Audit;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// The audit log, newest first (ties by id, descending). Indexes by time, by actor then time, and by action, so each
/// filter reads only its own entries.
/// </summary>
internal sealed class SqliteAuditLog(SqliteDatabase db) : IAuditLog
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS audit_log (
            id TEXT NOT NULL PRIMARY KEY, at_ms INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, doc BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at_ms, id);
        CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor, at_ms, id);
        CREATE INDEX IF NOT EXISTS audit_log_action ON audit_log (action);
        """;

    private const string Page = "ORDER BY at_ms DESC, id DESC LIMIT $take OFFSET $skip";

    private const int MaxCodePoint = 0x10FFFF;

    // The prefix is a range on the action index (case-sensitive, unlike LIKE); substr() keeps the match exact.
    private const string PrefixFilter = "action >= $from AND action < $to AND substr(action, 1, length($from)) = $from";

    public Task AddAsync(AuditEntry entry, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.Encode(entry);
        db.Write(session => session.Execute(
            "INSERT INTO audit_log (id, at_ms, actor, action, doc) VALUES ($id, $at, $actor, $action, $doc)",
            ("$id", entry.Id), ("$at", Millis(entry.At)), ("$actor", entry.Actor), ("$action", entry.Action), ("$doc", doc)));
    }, ct);

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string? actionPrefix, int skip, int take, CancellationToken ct = default) =>
        QueryAsync(new AuditQuery { ActionPrefix = actionPrefix }, skip, take, ct);

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, int skip, int take, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Run<IReadOnlyList<AuditEntry>>(() =>
        {
            if (take <= 0)
            {
                return [];
            }

            var prefix = string.IsNullOrEmpty(query.ActionPrefix) ? null : query.ActionPrefix;
            var where = (query.Actor, prefix) switch
            {
                (null, null) => "",
                (null, _) => $"WHERE {PrefixFilter}",
                (_, null) => "WHERE actor = $actor",
                _ => $"WHERE actor = $actor AND {PrefixFilter}",
            };

            return db.Read(session =>
            {
                var command = session.Command($"SELECT doc FROM audit_log {where} {Page}");
                command.Parameters.AddWithValue("$take", take);
                command.Parameters.AddWithValue("$skip", Math.Max(0, skip));
                if (query.Actor is not null)
                {
                    command.Parameters.AddWithValue("$actor", query.Actor);
                }

                if (prefix is not null)
                {
                    command.Parameters.AddWithValue("$from", prefix);
                    command.Parameters.AddWithValue("$to", UpperBound(prefix));
                }

                return db.Documents<AuditEntry>(command);
            });
        }, ct);
    }

    /// <summary>
    /// The least text above every text starting with <paramref name="prefix"/>: the prefix with its last code point
    /// raised by one (SQLite compares text as UTF-8 bytes, which is code point order). When every code point is already
    /// the highest there is none, and an empty BLOB stands in: SQLite sorts every BLOB after every text.
    /// </summary>
    private static object UpperBound(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last < MaxCodePoint)
            {
                // After U+D7FF come the surrogates, which are no code points: the next one is U+E000.
                runes.Add(new Rune(last == 0xD7FF ? 0xE000 : last + 1));
                return string.Concat(runes.Select(r => r.ToString()));
            }
        }

        return Array.Empty<byte>();
    }
}
