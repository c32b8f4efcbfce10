using CreditRisk.Core.Messaging;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>The development outbox, indexed by creation time and by recipient then time (ties by id).</summary>
internal sealed class SqliteDevelopmentOutbox(SqliteDatabase db) : IDevelopmentOutbox
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS development_outbox (
            id TEXT NOT NULL PRIMARY KEY, recipient TEXT NOT NULL, created_ms INTEGER NOT NULL, doc BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS development_outbox_created ON development_outbox (created_ms, id);
        CREATE INDEX IF NOT EXISTS development_outbox_recipient ON development_outbox (recipient, created_ms, id);
        """;

    public Task AddAsync(DevelopmentMessage message, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.Encode(message);
        db.Write(session => session.Execute(
            "INSERT INTO development_outbox (id, recipient, created_ms, doc) VALUES ($id, $to, $created, $doc)",
            ("$id", message.Id), ("$to", message.To), ("$created", Millis(message.CreatedAt)), ("$doc", doc)));
    }, ct);

    public Task<DevelopmentMessage?> GetAsync(string id, CancellationToken ct = default) => Run(() => db.Read(session =>
    {
        var command = session.Command("SELECT doc FROM development_outbox WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        return db.Documents<DevelopmentMessage>(command).FirstOrDefault();
    }), ct);

    public Task<IReadOnlyList<DevelopmentMessage>> ListAsync(int skip, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<DevelopmentMessage>>(() => take <= 0 ? [] : db.Read(session =>
        {
            var command = session.Command(
                "SELECT doc FROM development_outbox ORDER BY created_ms DESC, id DESC LIMIT $take OFFSET $skip");
            command.Parameters.AddWithValue("$take", take);
            command.Parameters.AddWithValue("$skip", Math.Max(0, skip));
            return db.Documents<DevelopmentMessage>(command);
        }), ct);

    public Task<IReadOnlyList<DevelopmentMessage>> ListForRecipientAsync(string to, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<DevelopmentMessage>>(() => take <= 0 ? [] : db.Read(session =>
        {
            var command = session.Command(
                "SELECT doc FROM development_outbox WHERE recipient = $to ORDER BY created_ms DESC, id DESC LIMIT $take");
            command.Parameters.AddWithValue("$to", to);
            command.Parameters.AddWithValue("$take", take);
            return db.Documents<DevelopmentMessage>(command);
        }), ct);

    public Task<long> CountAsync(CancellationToken ct = default) =>
        Run(() => db.Read(session => (long)session.Scalar("SELECT COUNT(*) FROM development_outbox")!), ct);
}
