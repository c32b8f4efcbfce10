using CreditRisk.Core.Persistence.Compact;
using CreditRisk.Core.Transactions;
using Microsoft.Data.Sqlite;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// Transactions keyed by the bank's id (the idempotency key), indexed by customer then time, and (only while not yet
/// applied by the risk pipeline) by customer then receipt time.
/// <para>
/// <c>applied_ms</c> is the authority for <see cref="Transaction.AppliedAt"/>: marking a batch applied updates that one
/// column (no document read, decode or re-encode), and a read puts the column's time on the decoded record.
/// </para>
/// </summary>
internal sealed class SqliteTransactionRepository(SqliteDatabase db) : ITransactionRepository
{
    // The pending index holds only rows not applied yet, so it stays as small as the pipeline's backlog; the query in
    // ListPendingCustomerIdsAsync repeats its WHERE so the planner may use it.
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS transactions (
            id TEXT NOT NULL PRIMARY KEY, customer_id TEXT NOT NULL, ts_ms INTEGER NOT NULL, type TEXT NOT NULL,
            received_ms INTEGER NOT NULL, applied_ms INTEGER, doc BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS transactions_customer_time ON transactions (customer_id, ts_ms, id);
        CREATE INDEX IF NOT EXISTS transactions_pending ON transactions (customer_id, received_ms) WHERE applied_ms IS NULL;
        """;

    // The id decides: a stored id (or an earlier one of the same batch) changes nothing and reports 0 rows changed.
    private const string Insert = """
        INSERT INTO transactions (id, customer_id, ts_ms, type, received_ms, applied_ms, doc)
        VALUES ($id, $customer, $ts, $type, $received, $applied, $doc)
        ON CONFLICT (id) DO NOTHING
        """;

    internal const string MarkApplied = "UPDATE transactions SET applied_ms = $at WHERE id = $id AND applied_ms IS NULL";

    internal const string SelectByIds = "SELECT applied_ms, doc FROM transactions WHERE id IN (SELECT value FROM json_each($ids))";

    internal const string SelectApplied =
        "SELECT id FROM transactions WHERE id IN (SELECT value FROM json_each($ids)) AND applied_ms IS NOT NULL";

    internal const string SelectWindow = """
        SELECT applied_ms, doc FROM transactions
        WHERE customer_id = $customer AND ts_ms >= $from AND ts_ms < $to
        ORDER BY ts_ms, id
        """;

    internal const string SelectRecent = """
        SELECT applied_ms, doc FROM transactions WHERE customer_id = $customer
        ORDER BY ts_ms DESC, id DESC LIMIT $take OFFSET $skip
        """;

    // One text for every filter (a missing bound is the widest one, a missing type NULL): compiled once.
    private const string FilterWhere = """
        WHERE customer_id = $customer AND ts_ms >= $from AND ts_ms < $to AND ($type IS NULL OR type = $type)
        """;

    internal const string SelectFiltered = "SELECT applied_ms, doc FROM transactions " + FilterWhere
        + " ORDER BY ts_ms DESC, id DESC LIMIT $take OFFSET $skip";

    internal const string CountFiltered = "SELECT COUNT(*) FROM transactions " + FilterWhere;

    internal const string SelectPendingCustomers = """
        SELECT DISTINCT customer_id FROM transactions
        WHERE applied_ms IS NULL AND customer_id > $after AND received_ms < $before
        ORDER BY customer_id LIMIT $take
        """;

    public Task<IReadOnlyList<Transaction>> InsertNewAsync(IReadOnlyCollection<Transaction> transactions, CancellationToken ct = default) =>
        Run<IReadOnlyList<Transaction>>(() =>
        {
            if (transactions.Count == 0)
            {
                return [];
            }

            // Encoded before taking the write gate, so the gate is held only for the inserts and the commit.
            var rows = new (Transaction Transaction, byte[] Doc)[transactions.Count];
            var n = 0;
            foreach (var transaction in transactions)
            {
                rows[n++] = (transaction, CompactTransactionCodec.Encode(transaction));
            }

            return db.Write(session => InsertInTransaction(session, rows));
        }, ct);

    /// <summary>Inside the caller's write: inserts the rows whose ids are new and returns their transactions.</summary>
    private static List<Transaction> InsertInTransaction(SqliteSession session, (Transaction Transaction, byte[] Doc)[] rows)
    {
        var command = session.Command(Insert);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var customer = command.Parameters.Add("$customer", SqliteType.Text);
        var ts = command.Parameters.Add("$ts", SqliteType.Integer);
        var type = command.Parameters.Add("$type", SqliteType.Text);
        var received = command.Parameters.Add("$received", SqliteType.Integer);
        var applied = command.Parameters.Add("$applied", SqliteType.Integer);
        var doc = command.Parameters.Add("$doc", SqliteType.Blob);

        var inserted = new List<Transaction>(rows.Length);
        foreach (var (transaction, bytes) in rows)
        {
            id.Value = transaction.Id;
            customer.Value = transaction.CustomerId;
            ts.Value = Millis(transaction.Timestamp);
            type.Value = transaction.Type.ToString();
            received.Value = Millis(transaction.ReceivedAt);
            applied.Value = transaction.AppliedAt is { } at ? Millis(at) : DBNull.Value;
            doc.Value = bytes;
            if (command.ExecuteNonQuery() == 1)
            {
                inserted.Add(transaction);
            }
        }

        return inserted;
    }

    public Task<IReadOnlyDictionary<string, Transaction>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, Transaction>>(() =>
        {
            if (ids.Count == 0)
            {
                return new Dictionary<string, Transaction>(StringComparer.Ordinal);
            }

            return db.Read(session =>
            {
                var command = session.Command(SelectByIds);
                command.Parameters.AddWithValue("$ids", JsonArray(ids));
                return Rows(command, ToTransaction).ToDictionary(t => t.Id, StringComparer.Ordinal);
            });
        }, ct);

    public Task<IReadOnlySet<string>> ListAppliedAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Run<IReadOnlySet<string>>(() =>
        {
            if (ids.Count == 0)
            {
                return new HashSet<string>(StringComparer.Ordinal);
            }

            // The column answers: no document is read.
            return db.Read(session =>
            {
                var command = session.Command(SelectApplied);
                command.Parameters.AddWithValue("$ids", JsonArray(ids));
                return Rows(command, r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
            });
        }, ct);

    public Task<IReadOnlyList<Transaction>> ListForCustomerAsync(
        string customerId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        Run<IReadOnlyList<Transaction>>(() =>
        {
            if (from >= to)
            {
                return [];
            }

            return db.Read(session =>
            {
                var command = session.Command(SelectWindow);
                command.Parameters.AddWithValue("$customer", customerId);
                command.Parameters.AddWithValue("$from", Millis(from));
                command.Parameters.AddWithValue("$to", Millis(to));
                return Rows(command, ToTransaction);
            });
        }, ct);

    public Task<IReadOnlyList<Transaction>> ListRecentForCustomerAsync(string customerId, int skip, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<Transaction>>(() =>
        {
            // SQLite reads a negative LIMIT as "no limit".
            if (take <= 0)
            {
                return [];
            }

            return db.Read(session =>
            {
                var command = session.Command(SelectRecent);
                command.Parameters.AddWithValue("$customer", customerId);
                command.Parameters.AddWithValue("$take", take);
                command.Parameters.AddWithValue("$skip", Math.Max(0, skip));
                return Rows(command, ToTransaction);
            });
        }, ct);

    public Task<TransactionPage> QueryForCustomerAsync(
        string customerId, TransactionFilter filter, int skip, int take, CancellationToken ct = default) =>
        Run(() =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            if (filter.From is { } from && filter.To is { } to && from >= to)
            {
                return new TransactionPage([], 0);
            }

            // The time bounds ride the customer-then-time index; the type is checked per row within that range.
            return db.Read(session =>
            {
                var total = (long)Filtered(session, CountFiltered, customerId, filter).ExecuteScalar()!;
                if (take <= 0 || total == 0)
                {
                    return new TransactionPage([], total);
                }

                var command = Filtered(session, SelectFiltered, customerId, filter);
                command.Parameters.AddWithValue("$take", take);
                command.Parameters.AddWithValue("$skip", Math.Max(0, skip));
                return new TransactionPage(Rows(command, ToTransaction), total);
            });
        }, ct);

    private static SqliteCommand Filtered(SqliteSession session, string sql, string customerId, TransactionFilter filter)
    {
        var command = session.Command(sql);
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$from", filter.From is { } from ? Millis(from) : long.MinValue);
        command.Parameters.AddWithValue("$to", filter.To is { } to ? Millis(to) : long.MaxValue);
        command.Parameters.AddWithValue("$type", filter.Type is { } type ? type.ToString() : DBNull.Value);
        return command;
    }

    public Task<long> CountAsync(CancellationToken ct = default) =>
        Run(() => db.Read(session => (long)session.Scalar("SELECT COUNT(*) FROM transactions")!), ct);

    public Task MarkAppliedAsync(IReadOnlyCollection<string> ids, DateTimeOffset at, CancellationToken ct = default) => Run(() =>
    {
        if (ids.Count == 0)
        {
            return;
        }

        // One transaction, one prepared UPDATE a row; `applied_ms IS NULL` keeps an applied row's time and makes a
        // repeated id a no-op.
        db.Write(session =>
        {
            var command = session.Command(MarkApplied);
            command.Parameters.AddWithValue("$at", Millis(at));
            var id = command.Parameters.Add("$id", SqliteType.Text);
            foreach (var transactionId in ids)
            {
                id.Value = transactionId;
                command.ExecuteNonQuery();
            }
        });
    }, ct);

    public Task<IReadOnlyList<string>> ListPendingCustomerIdsAsync(
        DateTimeOffset receivedBefore, string? afterCustomerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<string>>(() =>
        {
            if (take <= 0)
            {
                return [];
            }

            // Walks the pending index in customer order; "" sorts before every id, so one text serves the first page.
            return db.Read(session =>
            {
                var command = session.Command(SelectPendingCustomers);
                command.Parameters.AddWithValue("$after", afterCustomerId ?? "");
                command.Parameters.AddWithValue("$before", Millis(receivedBefore));
                command.Parameters.AddWithValue("$take", take);
                return Rows(command, r => r.GetString(0));
            });
        }, ct);

    /// <summary>A row of (applied_ms, doc): the document, with the applied time the column holds.</summary>
    private Transaction ToTransaction(SqliteDataReader reader)
    {
        // Rows written by the first SQLite version hold the LiteDB mapper's BSON.
        var bytes = (byte[])reader[1];
        var transaction = CompactTransactionCodec.IsCompact(bytes) ? CompactTransactionCodec.Decode(bytes) : db.Decode<Transaction>(bytes);

        // The column decides; the document keeps the time it was inserted with (a later MarkApplied sets only the
        // column), so a copy is made only for a transaction marked after its insert.
        DateTimeOffset? appliedAt = reader.IsDBNull(0) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0));
        return transaction.AppliedAt == appliedAt ? transaction : transaction with { AppliedAt = appliedAt };
    }
}
