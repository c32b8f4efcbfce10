using CreditRisk.Core.Identity;
using Microsoft.Data.Sqlite;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// API keys, found by the hash of their secret. The revocation and last-use times live in columns (the document is
/// stored without them), so "revoke once" and "last use moves forward only" are single conditional UPDATEs.
/// </summary>
internal sealed class SqliteApiKeyRepository(SqliteDatabase db) : IApiKeyRepository
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT NOT NULL PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, created_ms INTEGER NOT NULL, revoked_ms INTEGER,
            last_used_ms INTEGER, doc BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS api_keys_created ON api_keys (created_ms, id);
        """;

    private const string Columns = "SELECT doc, revoked_ms, last_used_ms FROM api_keys";

    // A duplicate id or hash fails with the constraint's exception, as the other adapters' inserts do.
    public Task AddAsync(ApiKey key, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.Encode(key with { RevokedAt = null, LastUsedAt = null });
        db.Write(session => session.Execute(
            """
            INSERT INTO api_keys (id, key_hash, created_ms, revoked_ms, last_used_ms, doc)
            VALUES ($id, $hash, $created, $revoked, $used, $doc)
            """,
            ("$id", key.Id), ("$hash", key.KeyHash), ("$created", Millis(key.CreatedAt)), ("$revoked", MillisOrNull(key.RevokedAt)),
            ("$used", MillisOrNull(key.LastUsedAt)), ("$doc", doc)));
    }, ct);

    public Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken ct = default) => Run(() => db.Read(session =>
    {
        var command = session.Command($"{Columns} WHERE key_hash = $hash");
        command.Parameters.AddWithValue("$hash", keyHash);
        return Rows(command, Key).FirstOrDefault();
    }), ct);

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default) =>
        Run<IReadOnlyList<ApiKey>>(() => db.Read(session => Rows(session.Command($"{Columns} ORDER BY created_ms DESC, id DESC"), Key)), ct);

    public Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken ct = default) =>
        Run(() => db.Write(session => session.Execute(
            "UPDATE api_keys SET revoked_ms = $at WHERE id = $id AND revoked_ms IS NULL",
            ("$id", id), ("$at", Millis(at))) == 1), ct);

    public Task TouchAsync(string id, DateTimeOffset at, CancellationToken ct = default) =>
        Run(() => db.Write(session => session.Execute(
            "UPDATE api_keys SET last_used_ms = $at WHERE id = $id AND (last_used_ms IS NULL OR last_used_ms < $at)",
            ("$id", id), ("$at", Millis(at)))), ct);

    /// <summary>A key from <see cref="Columns"/>: the document, with its times from their columns.</summary>
    private ApiKey Key(SqliteDataReader row) => db.Decode<ApiKey>((byte[])row[0]) with
    {
        RevokedAt = TimeOrNull(row, 1),
        LastUsedAt = TimeOrNull(row, 2),
    };

    private static DateTimeOffset? TimeOrNull(SqliteDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal));

    private static long? MillisOrNull(DateTimeOffset? at) => at is { } value ? Millis(value) : null;
}
