using CreditRisk.Core.Messaging;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>Customer replies, indexed by customer then receipt time.</summary>
internal sealed class LiteDbInboundMessageRepository(LiteDbContext db) : IInboundMessageRepository
{
    private const string CustomerKey = LiteDbCollections.CustomerTimeKey;

    private readonly ILiteCollection<BsonDocument> _messages = db.Collection(LiteDbCollections.InboundMessages);


    public void EnsureIndexes() => _messages.EnsureIndex(CustomerKey, "$." + CustomerKey);

    public Task<bool> TryAddAsync(InboundMessage message, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.ToDocument(message);

        // Messages from unknown numbers get an owner no customer id can equal (ids never hold the separator).
        doc[CustomerKey] = LiteDbKeys.OwnerTime(message.CustomerId ?? LiteDbKeys.Separator.ToString(), message.ReceivedAt, message.Id);
        // The duplicate check reads before it writes.
        lock (db.WriteGate)
        {
            if (_messages.FindById(message.Id) is not null)
            {
                return false;
            }

            _messages.Insert(doc);
            return true;
        }
    }, ct);

    public Task<InboundMessage?> GetAsync(string id, CancellationToken ct = default) =>
        Run(() => _messages.FindById(id) is { } doc ? db.ToEntity<InboundMessage>(doc) : null, ct);

    public Task<IReadOnlyList<InboundMessage>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<InboundMessage>>(() => take <= 0 ? [] : _messages.Query()
            .Where(Query.Between(CustomerKey, LiteDbKeys.First(customerId), LiteDbKeys.Last(customerId)))
            .OrderByDescending(CustomerKey)
            .Limit(take)
            .ToEnumerable()
            .Select(db.ToEntity<InboundMessage>)
            .ToList(), ct);
}
