using System.Text.RegularExpressions;
using CreditRisk.Core.Audit;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoAuditLog(IMongoDatabase database) : IAuditLog
{
    public const string CollectionName = "auditLog";

    private readonly IMongoCollection<AuditEntry> _entries = database.GetCollection<AuditEntry>(CollectionName);

    public Task CreateIndexesAsync(CancellationToken ct) =>
        _entries.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<AuditEntry>(Builders<AuditEntry>.IndexKeys.Descending(e => e.At)),
                new CreateIndexModel<AuditEntry>(Builders<AuditEntry>.IndexKeys.Ascending(e => e.Action).Descending(e => e.At)),
                new CreateIndexModel<AuditEntry>(Builders<AuditEntry>.IndexKeys.Ascending(e => e.Actor).Descending(e => e.At)),
            ],
            ct);

    public Task AddAsync(AuditEntry entry, CancellationToken ct = default) =>
        _entries.InsertOneAsync(entry, cancellationToken: ct);

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string? actionPrefix, int skip, int take, CancellationToken ct = default) =>
        QueryAsync(new AuditQuery { ActionPrefix = actionPrefix }, skip, take, ct);

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, int skip, int take, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (take <= 0)
        {
            return [];
        }

        // An anchored, case-sensitive prefix regex can use the action index.
        var filter = string.IsNullOrEmpty(query.ActionPrefix)
            ? FilterDefinition<AuditEntry>.Empty
            : Builders<AuditEntry>.Filter.Regex(e => e.Action, new BsonRegularExpression("^" + Regex.Escape(query.ActionPrefix)));
        if (query.Actor is not null)
        {
            filter &= Builders<AuditEntry>.Filter.Eq(e => e.Actor, query.Actor);
        }

        return await _entries.Find(filter)
            .SortByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, skip))
            .Limit(take)
            .ToListAsync(ct);
    }
}
