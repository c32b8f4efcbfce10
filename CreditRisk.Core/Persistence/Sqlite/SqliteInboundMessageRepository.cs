using CreditRisk.Core.Messaging;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>Customer replies, indexed by customer then receipt time (ties by id).</summary>
internal sealed class SqliteInboundMessageRepository(SqliteDatabase db) : IInboundMessageRepository
{
    // customer_id is NULL for senders who are no customer; no customer's list ever matches NULL.
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS inbound_messages (
            id TEXT NOT NULL PRIMARY KEY, customer_id TEXT, received_ms INTEGER NOT NULL, doc BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS inbound_messages_customer ON inbound_messages (customer_id, received_ms, id);
        """;

    // The primary key decides: a webhook redelivery (same id) changes no row.
    public Task<bool> TryAddAsync(InboundMessage message, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.Encode(message);
        return db.Write(session => session.Execute(
            """
            INSERT INTO inbound_messages (id, customer_id, received_ms, doc) VALUES ($id, $customer, $received, $doc)
            ON CONFLICT (id) DO NOTHING
            """,
            ("$id", message.Id), ("$customer", message.CustomerId), ("$received", Millis(message.ReceivedAt)), ("$doc", doc)) == 1);
    }, ct);

    public Task<InboundMessage?> GetAsync(string id, CancellationToken ct = default) => Run(() => db.Read(session =>
    {
        var command = session.Command("SELECT doc FROM inbound_messages WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        return db.Documents<InboundMessage>(command).FirstOrDefault();
    }), ct);

    public Task<IReadOnlyList<InboundMessage>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<InboundMessage>>(() => take <= 0 ? [] : db.Read(session =>
        {
            var command = session.Command(
                "SELECT doc FROM inbound_messages WHERE customer_id = $customer ORDER BY received_ms DESC, id DESC LIMIT $take");
            command.Parameters.AddWithValue("$customer", customerId);
            command.Parameters.AddWithValue("$take", take);
            return db.Documents<InboundMessage>(command);
        }), ct);
}
