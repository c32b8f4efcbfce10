using CreditRisk.Core.Customers;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoCustomerRepository(IMongoDatabase database) : ICustomerRepository
{
    public const string CollectionName = "customers";

    private readonly IMongoCollection<Customer> _customers = database.GetCollection<Customer>(CollectionName);

    public Task CreateIndexesAsync(CancellationToken ct) =>
        _customers.Indexes.CreateManyAsync(
            [new CreateIndexModel<Customer>(Builders<Customer>.IndexKeys.Ascending(c => c.Phone))],
            ct);

    public async Task UpsertManyAsync(IReadOnlyCollection<Customer> customers, CancellationToken ct = default)
    {
        if (customers.Count == 0)
        {
            return;
        }

        var writes = customers
            .Select(c => new ReplaceOneModel<Customer>(Builders<Customer>.Filter.Eq(x => x.Id, c.Id), c) { IsUpsert = true })
            .ToList();
        await _customers.BulkWriteAsync(writes, new BulkWriteOptions { IsOrdered = true }, ct);
    }

    public async Task<Customer?> GetAsync(string id, CancellationToken ct = default) =>
        await _customers.Find(c => c.Id == id).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyDictionary<string, Customer>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, Customer>();
        }

        var found = await _customers.Find(Builders<Customer>.Filter.In(c => c.Id, ids.Distinct())).ToListAsync(ct);
        return found.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public async Task<Customer?> FindByPhoneAsync(string phone, CancellationToken ct = default) =>
        await _customers.Find(c => c.Phone == phone).SortBy(c => c.Id).FirstOrDefaultAsync(ct);

    public Task<long> CountAsync(CancellationToken ct = default) =>
        _customers.CountDocumentsAsync(FilterDefinition<Customer>.Empty, cancellationToken: ct);

    public async Task<IReadOnlyList<Customer>> SearchAsync(string text, int take, CancellationToken ct = default)
    {
        var term = text.Trim();
        if (term.Length == 0 || take <= 0)
        {
            return [];
        }

        // Regex-escaped: the staff member's text is a literal, never a pattern.
        var literal = System.Text.RegularExpressions.Regex.Escape(term);
        var filter = Builders<Customer>.Filter.Or(
            Builders<Customer>.Filter.Regex(c => c.Id, new MongoDB.Bson.BsonRegularExpression("^" + literal)),
            Builders<Customer>.Filter.Regex(c => c.FullName, new MongoDB.Bson.BsonRegularExpression(AnyCase(term))),
            Builders<Customer>.Filter.Regex(c => c.Phone, new MongoDB.Bson.BsonRegularExpression(literal)));
        return await _customers.Find(filter).SortBy(c => c.Id).Limit(take).ToListAsync(ct);
    }

    /// <summary>
    /// <paramref name="term"/> as a literal pattern matching any case: each letter as the class of its two cases
    /// ("é" → "[éÉ]"). The "i" option's folding beyond A–Z depends on the server's regex build; this does not.
    /// </summary>
    private static string AnyCase(string term) =>
        string.Concat(term.Select(c => char.ToLowerInvariant(c) is var lower && char.ToUpperInvariant(c) is var upper && lower != upper
            ? $"[{lower}{upper}]"
            : System.Text.RegularExpressions.Regex.Escape(c.ToString())));

    public async Task<IReadOnlyList<string>> ListIdsAsync(string? afterId, int take, CancellationToken ct = default)
    {
        if (take <= 0)
        {
            return [];
        }

        var filter = afterId is null
            ? FilterDefinition<Customer>.Empty
            : Builders<Customer>.Filter.Gt(c => c.Id, afterId);
        var page = await _customers.Find(filter)
            .SortBy(c => c.Id)
            .Limit(take)
            .Project(Builders<Customer>.Projection.Include(c => c.Id))
            .ToListAsync(ct);
        return page.Select(d => d["_id"].AsString).ToList();
    }
}
