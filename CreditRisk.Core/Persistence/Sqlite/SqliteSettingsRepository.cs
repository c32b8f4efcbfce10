using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>Run-time settings as JSON text by key, each with the version its compare-and-swap checks.</summary>
internal sealed class SqliteSettingsRepository(SqliteDatabase db) : ISettingsRepository
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS settings (
            key TEXT NOT NULL PRIMARY KEY, json TEXT NOT NULL, version INTEGER NOT NULL, updated_ms INTEGER NOT NULL);
        """;

    public Task<StoredSetting?> GetAsync(string key, CancellationToken ct = default) => Run(() => db.Read(session =>
    {
        var command = session.Command("SELECT json, version, updated_ms FROM settings WHERE key = $key");
        command.Parameters.AddWithValue("$key", key);
        return Rows(command, r => new StoredSetting(key, r.GetString(0), r.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))))
            .FirstOrDefault();
    }), ct);

    // Either statement changes one row or none: the primary key decides between racing first saves, the version
    // condition between racing updates.
    public Task<bool> TrySaveAsync(string key, string json, long expectedVersion, DateTimeOffset at, CancellationToken ct = default) =>
        Run(() => db.Write(session => session.Execute(
            expectedVersion == 0
                ? "INSERT INTO settings (key, json, version, updated_ms) VALUES ($key, $json, $version, $at) ON CONFLICT DO NOTHING"
                : "UPDATE settings SET json = $json, version = $version, updated_ms = $at WHERE key = $key AND version = $expected",
            ("$key", key), ("$json", json), ("$version", expectedVersion + 1), ("$at", Millis(at)), ("$expected", expectedVersion)) == 1), ct);
}
