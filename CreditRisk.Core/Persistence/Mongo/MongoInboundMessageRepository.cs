using CreditRisk.Core.Messaging;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoInboundMessageRepository(IMongoDatabase database) : IInboundMessageRepository
{
    public const string CollectionName = "inboundMessages";

    private readonly IMongoCollection<InboundMessage> _messages = database.GetCollection<InboundMessage>(CollectionName);

    public Task CreateIndexesAsync(CancellationToken ct) =>
        _messages.Indexes.CreateOneAsync(
            new CreateIndexModel<InboundMessage>(Builders<InboundMessage>.IndexKeys.Ascending(m => m.CustomerId).Descending(m => m.ReceivedAt)),
            cancellationToken: ct);

    public async Task<bool> TryAddAsync(InboundMessage message, CancellationToken ct = default)
    {
        try
        {
            await _messages.InsertOneAsync(message, cancellationToken: ct);
            return true;
        }
        catch (MongoException ex) when (MongoErrors.IsDuplicateKey(ex))
        {
            return false;
        }
    }

    public async Task<InboundMessage?> GetAsync(string id, CancellationToken ct = default) =>
        await _messages.Find(m => m.Id == id).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<InboundMessage>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default) =>
        take <= 0 ? [] : await _messages.Find(m => m.CustomerId == customerId)
            .SortByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Limit(take)
            .ToListAsync(ct);
}
