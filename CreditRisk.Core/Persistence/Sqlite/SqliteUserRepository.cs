using CreditRisk.Core.Identity;
using Microsoft.Data.Sqlite;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// Users, with what the database must decide in columns: the unique id and normalised name, the concurrency stamp an
/// update compares against, and the set-once welcome time. Role membership is a table of its own so a role's members
/// are found through its primary key.
/// </summary>
internal sealed class SqliteUserRepository(SqliteDatabase db) : IUserRepository
{
    // welcome_ms is the truth for AppUser.WelcomeSentAt (the document is stored without it): the claim and the
    // never-cleared rule are then single UPDATE statements, with no read to race with.
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS users (
            id TEXT NOT NULL PRIMARY KEY, normalized_user_name TEXT NOT NULL UNIQUE, normalized_email TEXT, phone TEXT,
            concurrency_stamp TEXT NOT NULL, welcome_ms INTEGER, doc BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS users_email ON users (normalized_email);
        CREATE INDEX IF NOT EXISTS users_phone ON users (phone);
        CREATE TABLE IF NOT EXISTS user_roles (role TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (role, user_id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS user_roles_user ON user_roles (user_id);
        """;

    private const string Columns = "SELECT doc, welcome_ms FROM users";

    // DO NOTHING without a conflict target covers both the id and the normalised name.
    public Task<bool> TryCreateAsync(AppUser user, CancellationToken ct = default) => Run(() =>
    {
        var doc = Encode(user);
        return db.Write(session =>
        {
            var created = session.Execute(
                """
                INSERT INTO users (id, normalized_user_name, normalized_email, phone, concurrency_stamp, welcome_ms, doc)
                VALUES ($id, $name, $email, $phone, $stamp, $welcome, $doc) ON CONFLICT DO NOTHING
                """,
                ("$id", user.Id), ("$name", user.NormalizedUserName), ("$email", user.NormalizedEmail), ("$phone", user.PhoneNumber),
                ("$stamp", user.ConcurrencyStamp), ("$welcome", MillisOrNull(user.WelcomeSentAt)), ("$doc", doc)) == 1;
            if (created)
            {
                InsertRoles(session, user);
            }

            return created;
        });
    }, ct);

    // OR IGNORE turns a clash on the normalised name into "no row changed", like a stale stamp or a missing user. A
    // stored welcome time is kept when the new copy has none (a copy read before the claim must not undo it).
    public Task<bool> TryUpdateAsync(AppUser user, string expectedConcurrencyStamp, CancellationToken ct = default) => Run(() =>
    {
        var doc = Encode(user);
        return db.Write(session =>
        {
            var updated = session.Execute(
                """
                UPDATE OR IGNORE users SET normalized_user_name = $name, normalized_email = $email, phone = $phone,
                    concurrency_stamp = $stamp, welcome_ms = coalesce($welcome, welcome_ms), doc = $doc
                WHERE id = $id AND concurrency_stamp = $expected
                """,
                ("$id", user.Id), ("$expected", expectedConcurrencyStamp), ("$name", user.NormalizedUserName),
                ("$email", user.NormalizedEmail), ("$phone", user.PhoneNumber), ("$stamp", user.ConcurrencyStamp),
                ("$welcome", MillisOrNull(user.WelcomeSentAt)), ("$doc", doc)) == 1;
            if (updated)
            {
                session.Execute("DELETE FROM user_roles WHERE user_id = $id", ("$id", user.Id));
                InsertRoles(session, user);
            }

            return updated;
        });
    }, ct);

    public Task DeleteAsync(string id, CancellationToken ct = default) => Run(() => db.Write(session =>
    {
        session.Execute("DELETE FROM user_roles WHERE user_id = $id", ("$id", id));
        session.Execute("DELETE FROM users WHERE id = $id", ("$id", id));
    }), ct);

    public Task<AppUser?> FindByIdAsync(string id, CancellationToken ct = default) =>
        Run(() => FindOne($"{Columns} WHERE id = $value", id), ct);

    public Task<AppUser?> FindByNormalizedUserNameAsync(string normalizedUserName, CancellationToken ct = default) =>
        Run(() => FindOne($"{Columns} WHERE normalized_user_name = $value", normalizedUserName), ct);

    public Task<AppUser?> FindByNormalizedEmailAsync(string normalizedEmail, CancellationToken ct = default) =>
        Run(() => FindOne($"{Columns} WHERE normalized_email = $value LIMIT 1", normalizedEmail), ct);

    // Several accounts can hold a number the bank moved; the earliest created wins, as on every store.
    public Task<AppUser?> FindByPhoneAsync(string phone, CancellationToken ct = default) =>
        Run(() => string.IsNullOrEmpty(phone) ? null : db.Read(session =>
        {
            var command = session.Command($"{Columns} WHERE phone = $value");
            command.Parameters.AddWithValue("$value", phone);
            return Rows(command, User).OrderBy(u => u.CreatedAt).ThenBy(u => u.Id, StringComparer.Ordinal).FirstOrDefault();
        }), ct);

    public Task<IReadOnlyList<AppUser>> ListInRoleAsync(string normalizedRoleName, CancellationToken ct = default) =>
        Run<IReadOnlyList<AppUser>>(() => db.Read(session =>
        {
            var command = session.Command(
                "SELECT u.doc, u.welcome_ms FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = $role");
            command.Parameters.AddWithValue("$role", normalizedRoleName);

            // Sorted here: .NET's ordinal order (UTF-16) is the one the other adapters return.
            return Rows(command, User).OrderBy(u => u.NormalizedUserName, StringComparer.Ordinal).ToList();
        }), ct);

    public Task<bool> TryClaimWelcomeAsync(string userId, DateTimeOffset at, CancellationToken ct = default) =>
        Run(() => db.Write(session => session.Execute(
            "UPDATE users SET welcome_ms = $at WHERE id = $id AND welcome_ms IS NULL",
            ("$id", userId), ("$at", Millis(at))) == 1), ct);

    private byte[] Encode(AppUser user) => db.Encode(user with { WelcomeSentAt = null });

    private static void InsertRoles(SqliteSession session, AppUser user)
    {
        foreach (var role in user.Roles)
        {
            session.Execute("INSERT OR IGNORE INTO user_roles (role, user_id) VALUES ($role, $id)", ("$role", role), ("$id", user.Id));
        }
    }

    private AppUser? FindOne(string sql, string? value) =>
        string.IsNullOrEmpty(value) ? null : db.Read(session =>
        {
            var command = session.Command(sql);
            command.Parameters.AddWithValue("$value", value);
            return Rows(command, User).FirstOrDefault();
        });

    /// <summary>A user from <see cref="Columns"/>: the document, with the welcome time from its column.</summary>
    private AppUser User(SqliteDataReader row) => db.Decode<AppUser>((byte[])row[0]) with
    {
        WelcomeSentAt = row.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(1)),
    };

    private static long? MillisOrNull(DateTimeOffset? at) => at is { } value ? Millis(value) : null;
}
