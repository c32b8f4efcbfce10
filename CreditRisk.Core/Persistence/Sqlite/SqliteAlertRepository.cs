using CreditRisk.Core.Alerts;
using Microsoft.Data.Sqlite;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// The alert outbox, indexed by status then age (delivery sweeps and the grid's alert filter), customer then age,
/// provider message id and send time. One alert per escalation: a unique index on the key, where there is one.
/// </summary>
internal sealed class SqliteAlertRepository(SqliteDatabase db) : IAlertRepository
{
    /// <summary>
    /// Status as the enum's number. Partial indexes leave out the rows without a value (manual alerts have no
    /// escalation key, most alerts no provider id until sent), so they cost nothing on those rows. The status index
    /// carries the customer id, so the grid's alert filter reads the index alone.
    /// </summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS alerts (
            id TEXT NOT NULL PRIMARY KEY, customer_id TEXT NOT NULL, status INTEGER NOT NULL, attempts INTEGER NOT NULL,
            created_at INTEGER NOT NULL, sent_at INTEGER, provider_message_id TEXT, escalation_key TEXT, doc BLOB NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS alerts_escalation_key ON alerts (escalation_key) WHERE escalation_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS alerts_status_time ON alerts (status, created_at, id, customer_id);
        CREATE INDEX IF NOT EXISTS alerts_customer_time ON alerts (customer_id, created_at, id);
        CREATE INDEX IF NOT EXISTS alerts_provider_message_id ON alerts (provider_message_id) WHERE provider_message_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS alerts_sent_at ON alerts (sent_at, id) WHERE sent_at IS NOT NULL;
        """;

    // Without a conflict target DO NOTHING covers every unique constraint: a taken id or a taken escalation key stores
    // nothing and changes no row, with no read before and nothing rolled back.
    private const string InsertNew = """
        INSERT INTO alerts (id, customer_id, status, attempts, created_at, sent_at, provider_message_id, escalation_key, doc)
        VALUES ($id, $customer, $status, $attempts, $created, $sent, $provider, $key, $doc)
        ON CONFLICT DO NOTHING
        """;

    // Compare-and-swap in one statement: it changes the row only if status and attempts are still the expected ones.
    private const string UpdateIfUnchanged = """
        UPDATE alerts SET customer_id = $customer, status = $status, attempts = $attempts, created_at = $created,
            sent_at = $sent, provider_message_id = $provider, escalation_key = $key, doc = $doc
        WHERE id = $id AND status = $expectedStatus AND attempts = $expectedAttempts
        """;

    private const string Select = "SELECT doc FROM alerts ";

    public Task<bool> TryAddAsync(Alert alert, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.Encode(alert);
        return db.Write(session => Bind(session.Command(InsertNew), alert, doc).ExecuteNonQuery() == 1);
    }, ct);

    public Task<IReadOnlySet<string>> TryAddManyAsync(IReadOnlyList<Alert> alerts, CancellationToken ct = default) => Run<IReadOnlySet<string>>(() =>
    {
        if (alerts.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var rows = alerts.Select(a => (a, db.Encode(a))).ToList();
        return db.Write(session => AddNewInTransaction(session, rows));
    }, ct);

    /// <summary>
    /// Inside the caller's write: adds each alert whose id and escalation key are both free, as <see cref="TryAddAsync"/>
    /// would, and returns the ids added. Two alerts of the batch with one key: the first wins.
    /// </summary>
    internal HashSet<string> AddNewInTransaction(SqliteSession session, IReadOnlyList<(Alert Alert, byte[] Doc)> alerts)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (alert, doc) in alerts)
        {
            if (Bind(session.Command(InsertNew), alert, doc).ExecuteNonQuery() == 1)
            {
                added.Add(alert.Id);
            }
        }

        return added;
    }

    public Task<Alert?> GetAsync(string id, CancellationToken ct = default) =>
        Run(() => One(Select + "WHERE id = $value", id), ct);

    public Task<Alert?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken ct = default) => Run(() =>
        string.IsNullOrEmpty(providerMessageId) ? null : One(Select + "WHERE provider_message_id = $value LIMIT 1", providerMessageId), ct);

    public Task<bool> TryUpdateAsync(Alert updated, Alert expected, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.Encode(updated);
        return db.Write(session =>
        {
            var command = Bind(session.Command(UpdateIfUnchanged), updated, doc);
            command.Parameters.AddWithValue("$expectedStatus", (int)expected.Status);
            command.Parameters.AddWithValue("$expectedAttempts", expected.Attempts);
            return command.ExecuteNonQuery() == 1;
        });
    }, ct);

    public Task<IReadOnlyList<Alert>> ListByStatusAsync(
        AlertStatus status, DateTimeOffset createdBefore, int take, Alert? after = null, CancellationToken ct = default) =>
        Run<IReadOnlyList<Alert>>(() => take <= 0 ? [] : db.Read(session =>
        {
            var command = session.Command(Select + "WHERE status = $status AND created_at < $before"
                + (after is null ? "" : " AND (created_at > $afterAt OR (created_at = $afterAt AND id > $afterId))")
                + " ORDER BY created_at, id LIMIT $take");
            command.Parameters.AddWithValue("$status", (int)status);
            if (after is not null)
            {
                command.Parameters.AddWithValue("$afterAt", Millis(after.CreatedAt));
                command.Parameters.AddWithValue("$afterId", after.Id);
            }

            command.Parameters.AddWithValue("$before", Millis(StoredTime.CeilingMillisecond(createdBefore)));
            command.Parameters.AddWithValue("$take", take);
            return db.Documents<Alert>(command);
        }), ct);

    public Task<IReadOnlyList<Alert>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<Alert>>(() => take <= 0 ? [] : db.Read(session =>
        {
            var command = session.Command(Select + "WHERE customer_id = $customer ORDER BY created_at DESC, id DESC LIMIT $take");
            command.Parameters.AddWithValue("$customer", customerId);
            command.Parameters.AddWithValue("$take", take);
            return db.Documents<Alert>(command);
        }), ct);

    public Task<IReadOnlyDictionary<string, Alert>> GetLatestForCustomersAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, Alert>>(() =>
        {
            if (customerIds.Count == 0)
            {
                return new Dictionary<string, Alert>(StringComparer.Ordinal);
            }

            return db.Read(session =>
            {
                // One statement: a seek on the customer+time index per customer, for the newest entry.
                var command = session.Command("""
                    SELECT ids.value, (SELECT doc FROM alerts a WHERE a.customer_id = ids.value ORDER BY a.created_at DESC, a.id DESC LIMIT 1)
                    FROM (SELECT DISTINCT value FROM json_each($ids)) ids
                    """);
                command.Parameters.AddWithValue("$ids", JsonArray(customerIds));
                return Rows(command, r => (Id: r.GetString(0), Doc: r.IsDBNull(1) ? null : (byte[])r[1]))
                    .Where(e => e.Doc is not null)
                    .ToDictionary(e => e.Id, e => db.Decode<Alert>(e.Doc!), StringComparer.Ordinal);
            });
        }, ct);

    public Task<IReadOnlySet<string>> CustomersWithStatusAsync(
        IReadOnlyCollection<string> customerIds, AlertStatus status, CancellationToken ct = default) =>
        Run<IReadOnlySet<string>>(() => customerIds.Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : db.Read(session =>
            {
                // A seek on the customer+time index per customer (a customer's alerts are few). The `+` keeps SQLite off
                // the status index, which it would otherwise pick and then walk every alert in that status.
                var command = session.Command("""
                    SELECT ids.value FROM (SELECT DISTINCT value FROM json_each($ids)) ids
                    WHERE EXISTS (SELECT 1 FROM alerts a WHERE a.customer_id = ids.value AND +a.status = $status)
                    """);
                command.Parameters.AddWithValue("$ids", JsonArray(customerIds));
                command.Parameters.AddWithValue("$status", (int)status);
                return Rows(command, r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
            }), ct);

    public Task<long> CountSentSinceAsync(DateTimeOffset since, CancellationToken ct = default) =>
        Run(() => db.Read(session => (long)session.Scalar("SELECT COUNT(*) FROM alerts WHERE sent_at >= $since", ("$since", SentSince(since)))!), ct);

    public Task<IReadOnlyList<Alert>> ListSentSinceAsync(DateTimeOffset since, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<Alert>>(() => take <= 0 ? [] : db.Read(session =>
        {
            var command = session.Command(Select + "WHERE sent_at >= $since ORDER BY sent_at, id LIMIT $take");
            command.Parameters.AddWithValue("$since", SentSince(since));
            command.Parameters.AddWithValue("$take", take);
            return db.Documents<Alert>(command);
        }), ct);

    public Task<IReadOnlyDictionary<AlertStatus, long>> CountByStatusAsync(CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<AlertStatus, long>>(() => db.Read(session =>
        {
            // One pass over the status index.
            var counts = Enum.GetValues<AlertStatus>().ToDictionary(s => s, _ => 0L);
            foreach (var (status, count) in Rows(
                session.Command("SELECT status, COUNT(*) FROM alerts GROUP BY status"), r => ((AlertStatus)r.GetInt32(0), r.GetInt64(1))))
            {
                counts[status] = count;
            }

            return counts;
        }), ct);

    /// <summary>The cut-off against whole-millisecond send times (see <see cref="StoredTime"/>).</summary>
    private static long SentSince(DateTimeOffset since) => Millis(StoredTime.CeilingMillisecond(since));

    private Alert? One(string sql, string value) => db.Read(session =>
    {
        var command = session.Command(sql);
        command.Parameters.AddWithValue("$value", value);
        return db.Documents<Alert>(command).FirstOrDefault();
    });

    private static SqliteCommand Bind(SqliteCommand command, Alert alert, byte[] doc)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", alert.Id);
        p.AddWithValue("$customer", alert.CustomerId);
        p.AddWithValue("$status", (int)alert.Status);
        p.AddWithValue("$attempts", alert.Attempts);
        p.AddWithValue("$created", Millis(alert.CreatedAt));
        p.AddWithValue("$sent", alert.SentAt is { } sent ? Millis(sent) : DBNull.Value);
        p.AddWithValue("$provider", (object?)alert.ProviderMessageId ?? DBNull.Value);
        p.AddWithValue("$key", (object?)alert.EscalationKey ?? DBNull.Value);
        p.AddWithValue("$doc", doc);
        return command;
    }
}
