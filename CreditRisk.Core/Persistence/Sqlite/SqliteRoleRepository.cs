using CreditRisk.Core.Identity;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

internal sealed class SqliteRoleRepository(SqliteDatabase db) : IRoleRepository
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS roles (id TEXT NOT NULL PRIMARY KEY, normalized_name TEXT NOT NULL UNIQUE, doc BLOB NOT NULL);
        """;

    // The unique id and normalised name decide (DO NOTHING covers both), so there is no read to race with.
    public Task<bool> TryCreateAsync(AppRole role, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.Encode(role);
        return db.Write(session => session.Execute(
            "INSERT INTO roles (id, normalized_name, doc) VALUES ($id, $name, $doc) ON CONFLICT DO NOTHING",
            ("$id", role.Id), ("$name", role.NormalizedName), ("$doc", doc)) == 1);
    }, ct);

    // As in the other adapters: an unknown id changes nothing, a name another role holds fails (unique constraint).
    public Task UpdateAsync(AppRole role, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.Encode(role);
        db.Write(session => session.Execute(
            "UPDATE roles SET normalized_name = $name, doc = $doc WHERE id = $id",
            ("$id", role.Id), ("$name", role.NormalizedName), ("$doc", doc)));
    }, ct);

    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        Run(() => db.Write(session => session.Execute("DELETE FROM roles WHERE id = $id", ("$id", id))), ct);

    public Task<AppRole?> FindByIdAsync(string id, CancellationToken ct = default) =>
        Run(() => FindOne("SELECT doc FROM roles WHERE id = $value", id), ct);

    public Task<AppRole?> FindByNormalizedNameAsync(string normalizedName, CancellationToken ct = default) =>
        Run(() => FindOne("SELECT doc FROM roles WHERE normalized_name = $value", normalizedName), ct);

    // Sorted here: .NET's ordinal order (UTF-16) is the one the other adapters return.
    public Task<IReadOnlyList<AppRole>> ListAsync(CancellationToken ct = default) =>
        Run<IReadOnlyList<AppRole>>(() => db.Read(session => db.Documents<AppRole>(session.Command("SELECT doc FROM roles")))
            .OrderBy(r => r.NormalizedName, StringComparer.Ordinal)
            .ToList(), ct);

    private AppRole? FindOne(string sql, string value) => db.Read(session =>
    {
        var command = session.Command(sql);
        command.Parameters.AddWithValue("$value", value);
        return db.Documents<AppRole>(command).FirstOrDefault();
    });
}
