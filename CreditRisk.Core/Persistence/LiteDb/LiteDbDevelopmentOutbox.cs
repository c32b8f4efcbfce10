using CreditRisk.Core.Messaging;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>The development outbox, indexed by creation time and by recipient then time.</summary>
internal sealed class LiteDbDevelopmentOutbox(LiteDbContext db) : IDevelopmentOutbox
{
    private const string TimeKey = LiteDbCollections.TimeKey;
    private const string RecipientKey = LiteDbCollections.RecipientTimeKey;

    private readonly ILiteCollection<BsonDocument> _messages = db.Collection(LiteDbCollections.DevelopmentOutbox);

    public void EnsureIndexes()
    {
        _messages.EnsureIndex(TimeKey, "$." + TimeKey);
        _messages.EnsureIndex(RecipientKey, "$." + RecipientKey);
    }

    public Task AddAsync(DevelopmentMessage message, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.ToDocument(message);
        doc[TimeKey] = LiteDbKeys.OwnerTime("", message.CreatedAt, message.Id);
        doc[RecipientKey] = LiteDbKeys.OwnerTime(message.To, message.CreatedAt, message.Id);
        db.Write(() => _messages.Insert(doc));
    }, ct);

    public Task<DevelopmentMessage?> GetAsync(string id, CancellationToken ct = default) =>
        Run(() => _messages.FindById(id) is { } doc ? db.ToEntity<DevelopmentMessage>(doc) : null, ct);

    public Task<IReadOnlyList<DevelopmentMessage>> ListAsync(int skip, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<DevelopmentMessage>>(() => take <= 0 ? [] : _messages.Query()
            .OrderByDescending(TimeKey)
            .Skip(Math.Max(0, skip))
            .Limit(take)
            .ToEnumerable()
            .Select(db.ToEntity<DevelopmentMessage>)
            .ToList(), ct);

    public Task<IReadOnlyList<DevelopmentMessage>> ListForRecipientAsync(string to, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<DevelopmentMessage>>(() => take <= 0 ? [] : _messages.Query()
            .Where(Query.Between(RecipientKey, LiteDbKeys.First(to), LiteDbKeys.Last(to)))
            .OrderByDescending(RecipientKey)
            .Limit(take)
            .ToEnumerable()
            .Select(db.ToEntity<DevelopmentMessage>)
            .ToList(), ct);

    public Task<long> CountAsync(CancellationToken ct = default) => Run(() => _messages.LongCount(), ct);
}
