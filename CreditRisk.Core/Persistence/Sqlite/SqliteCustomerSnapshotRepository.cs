using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Snapshots;
using LiteDB;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// Snapshot rows keyed by customer id, as the LiteDB adapter's documents (written by hand: the shared mapper is closed
/// to new types). An import batch goes through the repositories that own the other rows, so their in-memory rows stay
/// exact.
/// </summary>
internal sealed class SqliteCustomerSnapshotRepository(
    SqliteDatabase db, SqliteCustomerRepository customers, SqliteAlertRepository alerts, SqliteRiskAssessmentRepository assessments)
    : ICustomerSnapshotRepository
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS customer_snapshots (customer_id TEXT NOT NULL PRIMARY KEY, doc BLOB NOT NULL);
        """;

    private const string Upsert = """
        INSERT INTO customer_snapshots (customer_id, doc) VALUES ($id, $doc)
        ON CONFLICT (customer_id) DO UPDATE SET doc = excluded.doc
        """;

    public Task UpsertManyAsync(IReadOnlyCollection<CustomerSnapshot> snapshots, CancellationToken ct = default) => Run(() =>
    {
        if (snapshots.Count > 0)
        {
            var rows = Encode(snapshots);
            db.Write(session => UpsertInTransaction(session, rows));
        }
    }, ct);

    public Task<CustomerSnapshot?> GetAsync(string customerId, CancellationToken ct = default) =>
        Run(() => db.Read(session => session.Scalar("SELECT doc FROM customer_snapshots WHERE customer_id = $id", ("$id", customerId)) is byte[] doc
            ? Decode(doc)
            : null), ct);

    public Task<IReadOnlyDictionary<string, CustomerSnapshot>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, CustomerSnapshot>>(() => customerIds.Count == 0
            ? new Dictionary<string, CustomerSnapshot>(StringComparer.Ordinal)
            : db.Read(session =>
            {
                var command = session.Command("SELECT doc FROM customer_snapshots WHERE customer_id IN (SELECT value FROM json_each($ids))");
                command.Parameters.AddWithValue("$ids", JsonArray(customerIds.Distinct(StringComparer.Ordinal)));
                return Rows(command, r => Decode((byte[])r[0])).ToDictionary(s => s.CustomerId, StringComparer.Ordinal);
            }), ct);

    public Task<long> CountAsync(CancellationToken ct = default) =>
        Run(() => db.Read(session => (long)session.Scalar("SELECT COUNT(*) FROM customer_snapshots")!), ct);

    // One transaction for the batch: one commit (one log sync) instead of one per part and one per alert. The rows are
    // encoded before the write gate is taken, so a second import batch can encode its rows while this one writes.
    public Task<IReadOnlySet<string>> WriteImportBatchAsync(SnapshotImportBatch batch, CancellationToken ct = default) =>
        Run<IReadOnlySet<string>>(() =>
        {
            ArgumentNullException.ThrowIfNull(batch);
            var customerRows = batch.Customers.Select(c => (Customer: c, Doc: db.Encode(c))).ToList();
            var snapshotRows = Encode(batch.Snapshots);
            var alertRows = batch.Alerts.Select(a => (Alert: a, Doc: db.Encode(a))).ToList();
            var writeAssessments = assessments.PrepareWrite(batch.Assessments);

            // The caches are set before the gate is let go, so they follow the commits in order.
            lock (db.WriteGate)
            {
                var (added, assessmentsCommitted) = db.Write(session =>
                {
                    SqliteCustomerRepository.UpsertInTransaction(session, customerRows);
                    UpsertInTransaction(session, snapshotRows);
                    return (alerts.AddNewInTransaction(session, alertRows), writeAssessments(session));
                });

                customers.Committed(customerRows);
                assessmentsCommitted();
                return added;
            }
        }, ct);

    private static void UpsertInTransaction(SqliteSession session, List<(string CustomerId, byte[] Doc)> rows)
    {
        foreach (var (customerId, doc) in rows)
        {
            session.Execute(Upsert, ("$id", customerId), ("$doc", doc));
        }
    }

    private static List<(string CustomerId, byte[] Doc)> Encode(IEnumerable<CustomerSnapshot> snapshots) =>
        [.. snapshots.Select(s => (s.CustomerId, SqliteDatabase.Encode(LiteDbCustomerSnapshotRepository.ToDocument(s))))];

    private static CustomerSnapshot Decode(byte[] doc) => LiteDbCustomerSnapshotRepository.FromDocument(BsonSerializer.Deserialize(doc));
}
