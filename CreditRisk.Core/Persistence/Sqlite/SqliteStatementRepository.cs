using CreditRisk.Core.Statements;
using Microsoft.Data.Sqlite;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// Monthly statements keyed by <see cref="Statement.Id"/>, indexed by customer then statement date. The pending marks
/// live in a table of their own, written in the same transaction: it holds only the pipeline's backlog, and a store
/// created before it simply has none (its statements count as applied).
/// </summary>
internal sealed class SqliteStatementRepository(SqliteDatabase db) : IStatementRepository
{
    // statement_day is DateOnly.DayNumber: it sorts as the date does.
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS statements (
            id TEXT NOT NULL PRIMARY KEY, customer_id TEXT NOT NULL, statement_day INTEGER NOT NULL, doc BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS statements_customer_day ON statements (customer_id, statement_day, id);
        CREATE TABLE IF NOT EXISTS pending_statements (
            id TEXT NOT NULL PRIMARY KEY, customer_id TEXT NOT NULL, received_ms INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS pending_statements_customer ON pending_statements (customer_id, received_ms);
        """;

    private const string Upsert = """
        INSERT INTO statements (id, customer_id, statement_day, doc) VALUES ($id, $customer, $day, $doc)
        ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, statement_day = excluded.statement_day, doc = excluded.doc
        """;

    private const string UpsertPending = """
        INSERT INTO pending_statements (id, customer_id, received_ms) VALUES ($id, $customer, $received)
        ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, received_ms = excluded.received_ms
        """;

    private const string DeleteApplied = "DELETE FROM pending_statements WHERE id = $id AND received_ms <= $received";

    private const string SelectPendingOf = """
        SELECT id, customer_id, received_ms FROM pending_statements WHERE customer_id IN (SELECT value FROM json_each($ids))
        """;

    private const string SelectPendingCustomers = """
        SELECT DISTINCT customer_id FROM pending_statements
        WHERE customer_id > $after AND received_ms < $before ORDER BY customer_id LIMIT $take
        """;

    // The most recent `take` from the index, newest first; reversed in memory to oldest first.
    internal const string SelectRecent = """
        SELECT doc FROM statements WHERE customer_id = $customer ORDER BY statement_day DESC, id DESC LIMIT $take
        """;

    // Each customer's most recent `take`, oldest first, for a whole grid page in one statement.
    internal const string SelectRecentOfMany = """
        SELECT customer_id, doc FROM (
            SELECT customer_id, statement_day, id, doc,
                   row_number() OVER (PARTITION BY customer_id ORDER BY statement_day DESC, id DESC) AS newest
            FROM statements WHERE customer_id IN (SELECT value FROM json_each($ids)))
        WHERE newest <= $take
        ORDER BY customer_id, statement_day, id
        """;

    public Task UpsertManyAsync(IReadOnlyCollection<Statement> statements, CancellationToken ct = default) => Run(() =>
    {
        if (statements.Count == 0)
        {
            return;
        }

        var rows = statements.Select(s => (Statement: s, Doc: db.Encode(s))).ToList();
        db.Write(session =>
        {
            var command = session.Command(Upsert);
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var customer = command.Parameters.Add("$customer", SqliteType.Text);
            var day = command.Parameters.Add("$day", SqliteType.Integer);
            var doc = command.Parameters.Add("$doc", SqliteType.Blob);
            var pending = session.Command(UpsertPending);
            var pendingId = pending.Parameters.Add("$id", SqliteType.Text);
            var pendingCustomer = pending.Parameters.Add("$customer", SqliteType.Text);
            var received = pending.Parameters.Add("$received", SqliteType.Integer);
            foreach (var (statement, bytes) in rows)
            {
                id.Value = pendingId.Value = statement.Id;
                customer.Value = pendingCustomer.Value = statement.CustomerId;
                day.Value = statement.StatementDate.DayNumber;
                doc.Value = bytes;
                received.Value = Millis(statement.ReceivedAt);
                command.ExecuteNonQuery();
                pending.ExecuteNonQuery();
            }
        });
    }, ct);

    public Task<IReadOnlyList<Statement>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<Statement>>(() =>
        {
            // SQLite reads a negative LIMIT as "no limit".
            if (take <= 0)
            {
                return [];
            }

            var newestFirst = db.Read(session =>
            {
                var command = session.Command(SelectRecent);
                command.Parameters.AddWithValue("$customer", customerId);
                command.Parameters.AddWithValue("$take", take);
                return db.Documents<Statement>(command);
            });
            newestFirst.Reverse();
            return newestFirst;
        }, ct);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<Statement>>> ListForCustomersAsync(
        IReadOnlyCollection<string> customerIds, int takeEach, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, IReadOnlyList<Statement>>>(() =>
        {
            var found = new Dictionary<string, IReadOnlyList<Statement>>(StringComparer.Ordinal);
            if (takeEach <= 0 || customerIds.Count == 0)
            {
                return found;
            }

            var rows = db.Read(session =>
            {
                var command = session.Command(SelectRecentOfMany);
                command.Parameters.AddWithValue("$ids", JsonArray(customerIds));
                command.Parameters.AddWithValue("$take", takeEach);
                return Rows(command, r => (CustomerId: r.GetString(0), Statement: db.Decode<Statement>((byte[])r[1])));
            });

            // Rows arrive grouped by customer, oldest first within each.
            List<Statement>? current = null;
            string? currentId = null;
            foreach (var (customerId, statement) in rows)
            {
                if (current is null || !string.Equals(customerId, currentId, StringComparison.Ordinal))
                {
                    found[customerId] = current = [];
                    currentId = customerId;
                }

                current.Add(statement);
            }

            return found;
        }, ct);

    public Task<long> CountAsync(CancellationToken ct = default) =>
        Run(() => db.Read(session => (long)session.Scalar("SELECT COUNT(*) FROM statements")!), ct);

    public Task<IReadOnlyList<PendingStatement>> ListPendingAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyList<PendingStatement>>(() => customerIds.Count == 0 ? [] : db.Read(session =>
        {
            var command = session.Command(SelectPendingOf);
            command.Parameters.AddWithValue("$ids", JsonArray(customerIds));
            return Rows(command, r => new PendingStatement(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))));
        }), ct);

    public Task MarkAppliedAsync(IReadOnlyCollection<PendingStatement> applied, CancellationToken ct = default) => Run(() =>
    {
        if (applied.Count == 0)
        {
            return;
        }

        db.Write(session =>
        {
            var command = session.Command(DeleteApplied);
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var received = command.Parameters.Add("$received", SqliteType.Integer);
            foreach (var statement in applied)
            {
                id.Value = statement.Id;
                received.Value = Millis(statement.ReceivedAt);
                command.ExecuteNonQuery();
            }
        });
    }, ct);

    public Task<IReadOnlyList<string>> ListPendingCustomerIdsAsync(
        DateTimeOffset receivedBefore, string? afterCustomerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<string>>(() => take <= 0 ? [] : db.Read(session =>
        {
            // "" sorts before every id, so one text serves the first page.
            var command = session.Command(SelectPendingCustomers);
            command.Parameters.AddWithValue("$after", afterCustomerId ?? "");
            command.Parameters.AddWithValue("$before", Millis(receivedBefore));
            command.Parameters.AddWithValue("$take", take);
            return Rows(command, r => r.GetString(0));
        }), ct);
}
