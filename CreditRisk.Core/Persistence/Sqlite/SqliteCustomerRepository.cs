using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence.LiteDb;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>Customers, kept in memory once read or written: every ingest batch looks its customers up twice.</summary>
internal sealed class SqliteCustomerRepository(SqliteDatabase db) : ICustomerRepository
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS customers (id TEXT NOT NULL PRIMARY KEY, phone TEXT, full_name TEXT, doc BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS customers_phone ON customers (phone);
        """;

    /// <summary>Customers kept in memory (about 300 bytes each).</summary>
    private const int CacheCapacity = 500_000;

    private const string Upsert = """
        INSERT INTO customers (id, phone, full_name, doc) VALUES ($id, $phone, $name, $doc)
        ON CONFLICT (id) DO UPDATE SET phone = excluded.phone, full_name = excluded.full_name, doc = excluded.doc
        """;

    private readonly ReadThroughCache<Customer> _cache = new(CacheCapacity);

    public Task UpsertManyAsync(IReadOnlyCollection<Customer> customers, CancellationToken ct = default) => Run(() =>
    {
        if (customers.Count == 0)
        {
            return;
        }

        var rows = customers.Select(c => (Customer: c, Doc: db.Encode(c))).ToList();

        // The cache is set before the gate is let go: set after, two writers could set it in the other order than they
        // committed, and it would keep the older customer for good.
        lock (db.WriteGate)
        {
            db.Write(session => UpsertInTransaction(session, rows));
            Committed(rows);
        }
    }, ct);

    /// <summary>Inside the caller's write: stores the customers. Call <see cref="Committed"/> once it commits.</summary>
    internal static void UpsertInTransaction(SqliteSession session, IReadOnlyList<(Customer Customer, byte[] Doc)> rows)
    {
        foreach (var (customer, doc) in rows)
        {
            session.Execute(Upsert, ("$id", customer.Id), ("$phone", customer.Phone), ("$name", customer.FullName), ("$doc", doc));
        }
    }

    /// <summary>
    /// After the commit, still holding <see cref="SqliteDatabase.WriteGate"/> (so caches follow commits in order): keeps
    /// what a read would now return (times kept to the millisecond), not the caller's object.
    /// </summary>
    internal void Committed(IEnumerable<(Customer Customer, byte[] Doc)> rows)
    {
        foreach (var (customer, doc) in rows)
        {
            _cache.Set(customer.Id, db.Decode<Customer>(doc));
        }
    }

    public Task<Customer?> GetAsync(string id, CancellationToken ct = default) =>
        Run(() => FindMany([id]).GetValueOrDefault(id), ct);

    public Task<IReadOnlyDictionary<string, Customer>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, Customer>>(() => FindMany(ids), ct);

    public Task<Customer?> FindByPhoneAsync(string phone, CancellationToken ct = default) =>
        Run(() => db.Read(session =>
        {
            var command = session.Command("SELECT doc FROM customers WHERE phone = $phone ORDER BY id LIMIT 1");
            command.Parameters.AddWithValue("$phone", phone);
            return db.Documents<Customer>(command).FirstOrDefault();
        }), ct);

    public Task<long> CountAsync(CancellationToken ct = default) =>
        Run(() => db.Read(session => (long)session.Scalar("SELECT COUNT(*) FROM customers")!), ct);

    // A scan, as the interface says. Lowered on both sides by the same Unicode rules: the name matches in any case.
    public Task<IReadOnlyList<Customer>> SearchAsync(string text, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<Customer>>(() =>
        {
            var term = text.Trim();
            if (term.Length == 0 || take <= 0)
            {
                return [];
            }

            return db.Read(session =>
            {
                var command = session.Command("""
                    SELECT doc FROM customers
                    WHERE substr(id, 1, length($term)) = $term OR instr(lower_unicode(full_name), $lower) > 0 OR instr(phone, $term) > 0
                    ORDER BY id LIMIT $take
                    """);
                command.Parameters.AddWithValue("$term", term);
                command.Parameters.AddWithValue("$lower", term.ToLowerInvariant());
                command.Parameters.AddWithValue("$take", take);
                return db.Documents<Customer>(command);
            });
        }, ct);

    public Task<IReadOnlyList<string>> ListIdsAsync(string? afterId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<string>>(() => db.Read(session =>
        {
            // "" sorts before every id, so one statement (and its index range) serves the first page too.
            var command = session.Command("SELECT id FROM customers WHERE id > $after ORDER BY id LIMIT $take");
            command.Parameters.AddWithValue("$after", afterId ?? "");
            command.Parameters.AddWithValue("$take", take);
            return Rows(command, r => r.GetString(0));
        }), ct);

    private Dictionary<string, Customer> FindMany(IReadOnlyCollection<string> ids) =>
        _cache.GetMany(ids, missing => db.Read(session =>
        {
            var command = session.Command("SELECT id, doc FROM customers WHERE id IN (SELECT value FROM json_each($ids))");
            command.Parameters.AddWithValue("$ids", JsonArray(missing));
            return Rows(command, r => (Id: r.GetString(0), Customer: db.Decode<Customer>((byte[])r[1])))
                .ToDictionary(e => e.Id, e => e.Customer, StringComparer.Ordinal);
        }));
}
