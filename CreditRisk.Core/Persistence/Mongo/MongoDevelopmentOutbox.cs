using CreditRisk.Core.Messaging;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoDevelopmentOutbox(IMongoDatabase database) : IDevelopmentOutbox
{
    public const string CollectionName = "developmentOutbox";

    private readonly IMongoCollection<DevelopmentMessage> _messages = database.GetCollection<DevelopmentMessage>(CollectionName);

    public Task CreateIndexesAsync(CancellationToken ct) =>
        _messages.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<DevelopmentMessage>(Builders<DevelopmentMessage>.IndexKeys.Descending(m => m.CreatedAt)),
                new CreateIndexModel<DevelopmentMessage>(Builders<DevelopmentMessage>.IndexKeys.Ascending(m => m.To).Descending(m => m.CreatedAt)),
            ],
            ct);

    public Task AddAsync(DevelopmentMessage message, CancellationToken ct = default) =>
        _messages.InsertOneAsync(message, cancellationToken: ct);

    public async Task<DevelopmentMessage?> GetAsync(string id, CancellationToken ct = default) =>
        await _messages.Find(m => m.Id == id).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<DevelopmentMessage>> ListAsync(int skip, int take, CancellationToken ct = default) =>
        take <= 0 ? [] : await _messages.Find(FilterDefinition<DevelopmentMessage>.Empty)
            .SortByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip(Math.Max(0, skip))
            .Limit(take)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<DevelopmentMessage>> ListForRecipientAsync(string to, int take, CancellationToken ct = default) =>
        take <= 0 ? [] : await _messages.Find(m => m.To == to)
            .SortByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Limit(take)
            .ToListAsync(ct);

    public Task<long> CountAsync(CancellationToken ct = default) =>
        _messages.CountDocumentsAsync(FilterDefinition<DevelopmentMessage>.Empty, cancellationToken: ct);
}
