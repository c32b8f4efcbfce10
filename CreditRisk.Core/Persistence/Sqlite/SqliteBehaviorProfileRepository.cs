using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence.Compact;
using CreditRisk.Core.Persistence.LiteDb;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// Profiles keyed by customer id: version and update time as columns, the aggregates as <see cref="CompactProfileCodec"/>
/// bytes (the LiteDB adapter's encoding). The version check is part of the write statement itself (an insert that
/// does nothing when the id exists, an update guarded by the expected version), so a save reads nothing first and
/// keeps no version cache: the rows changed say whether it won.
/// </summary>
internal sealed class SqliteBehaviorProfileRepository(SqliteDatabase db) : IBehaviorProfileRepository
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS profiles (
            customer_id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, updated_ms INTEGER NOT NULL, data BLOB NOT NULL);
        """;

    private const string InsertIfAbsent = """
        INSERT INTO profiles (customer_id, version, updated_ms, data) VALUES ($customer, $version, $updated, $data)
        ON CONFLICT (customer_id) DO NOTHING
        """;

    private const string UpdateIfCurrent = """
        UPDATE profiles SET version = $version, updated_ms = $updated, data = $data
        WHERE customer_id = $customer AND version = $expected
        """;

    private const string Columns = "SELECT customer_id, version, updated_ms, data FROM profiles";

    public Task<BehaviorProfile?> GetAsync(string customerId, CancellationToken ct = default) =>
        Run(() => db.Read(session =>
            session.RawRows(Columns + " WHERE customer_id = ?1", customerId, ToProfile) is [var profile] ? profile : null), ct);

    public Task<IReadOnlyDictionary<string, BehaviorProfile>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, BehaviorProfile>>(() =>
        {
            if (customerIds.Count == 0)
            {
                return new Dictionary<string, BehaviorProfile>(StringComparer.Ordinal);
            }

            return db.Read(session => session
                .RawRows(Columns + " WHERE customer_id IN (SELECT value FROM json_each(?1))", JsonArray(customerIds), ToProfile)
                .ToDictionary(p => p.CustomerId, StringComparer.Ordinal));
        }, ct);

    public Task<bool> TrySaveAsync(BehaviorProfile profile, long expectedVersion, CancellationToken ct = default) => Run(() =>
    {
        var data = CompactProfileCodec.Encode(profile);
        return db.Write(session => new Saver(session).TrySave(profile, expectedVersion, data));
    }, ct);

    public Task<IReadOnlySet<string>> TrySaveManyAsync(IReadOnlyList<ProfileSave> saves, CancellationToken ct = default) =>
        Run<IReadOnlySet<string>>(() =>
        {
            var conflicts = new HashSet<string>(StringComparer.Ordinal);
            if (saves.Count == 0)
            {
                return conflicts;
            }

            // Encoded before taking the write gate; then one transaction, one commit for the group. Each save sees the
            // earlier ones of the group, so a customer saved twice loses the second check, as it would one at a time.
            var data = new byte[saves.Count][];
            for (var i = 0; i < saves.Count; i++)
            {
                data[i] = CompactProfileCodec.Encode(saves[i].Profile);
            }

            db.Write(session =>
            {
                var saver = new Saver(session);
                for (var i = 0; i < saves.Count; i++)
                {
                    var (profile, expected) = saves[i];
                    if (!saver.TrySave(profile, expected, data[i]))
                    {
                        conflicts.Add(profile.CustomerId);
                    }
                }
            });

            return conflicts;
        }, ct);

    /// <summary>
    /// Stores each profile at its own version, for customers without one (the migration from LiteDB): current-risk rows
    /// are compared against the version they were computed from, so it must survive the copy.
    /// </summary>
    internal Task ImportAsync(IReadOnlyCollection<BehaviorProfile> profiles, CancellationToken ct) => Run(() =>
    {
        var rows = profiles.Select(p => (Profile: p, Data: CompactProfileCodec.Encode(p))).ToList();
        db.Write(session =>
        {
            foreach (var (profile, data) in rows)
            {
                session.Execute(
                    InsertIfAbsent,
                    ("$customer", profile.CustomerId), ("$version", profile.Version), ("$updated", Millis(profile.UpdatedAt)), ("$data", data));
            }
        });
    }, ct);

    /// <summary>A row of (customer_id, version, updated_ms, data), decoded straight from SQLite's copy of the bytes.</summary>
    private static BehaviorProfile ToProfile(sqlite3_stmt row) => CompactProfileCodec.Decode(
        raw.sqlite3_column_text(row, 0).utf8_to_string(),
        raw.sqlite3_column_int64(row, 1),
        DateTimeOffset.FromUnixTimeMilliseconds(raw.sqlite3_column_int64(row, 2)),
        raw.sqlite3_column_blob(row, 3));

    /// <summary>The two prepared statements of a save, their parameters added once per write and reused for every profile.</summary>
    private readonly struct Saver
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _update;

        public Saver(SqliteSession session)
        {
            _insert = session.Command(InsertIfAbsent);
            _update = session.Command(UpdateIfCurrent);
            foreach (var command in (ReadOnlySpan<SqliteCommand>)[_insert, _update])
            {
                command.Parameters.Add("$customer", SqliteType.Text);
                command.Parameters.Add("$version", SqliteType.Integer);
                command.Parameters.Add("$updated", SqliteType.Integer);
                command.Parameters.Add("$data", SqliteType.Blob);
            }

            _update.Parameters.Add("$expected", SqliteType.Integer);
        }

        /// <summary>Stores <paramref name="profile"/> at version <c>expected + 1</c> if the stored version is <paramref name="expected"/> (0: none stored).</summary>
        public bool TrySave(BehaviorProfile profile, long expected, byte[] data)
        {
            var command = expected == 0 ? _insert : _update;
            var parameters = command.Parameters;
            parameters[0].Value = profile.CustomerId;
            parameters[1].Value = expected + 1;
            parameters[2].Value = Millis(profile.UpdatedAt);
            parameters[3].Value = data;
            if (expected != 0)
            {
                parameters[4].Value = expected;
            }

            return command.ExecuteNonQuery() == 1;
        }
    }
}
