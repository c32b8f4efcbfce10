using CreditRisk.Core.Alerts;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoAlertRepository(IMongoDatabase database) : IAlertRepository
{
    public const string CollectionName = "alerts";

    private readonly IMongoCollection<Alert> _alerts = database.GetCollection<Alert>(CollectionName);

    public Task CreateIndexesAsync(CancellationToken ct) =>
        _alerts.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<Alert>(Builders<Alert>.IndexKeys.Ascending(a => a.Status).Ascending(a => a.CreatedAt)),
                new CreateIndexModel<Alert>(Builders<Alert>.IndexKeys.Ascending(a => a.CustomerId).Descending(a => a.CreatedAt)),
                new CreateIndexModel<Alert>(Builders<Alert>.IndexKeys.Ascending(a => a.ProviderMessageId)),
                new CreateIndexModel<Alert>(Builders<Alert>.IndexKeys.Ascending(a => a.SentAt)),
                // Manual alerts have no escalation key; a partial index lets any number of them coexist
                // while each automatic escalation yields at most one alert.
                new CreateIndexModel<Alert>(
                    Builders<Alert>.IndexKeys.Ascending(a => a.EscalationKey),
                    new CreateIndexOptions<Alert>
                    {
                        Unique = true,
                        PartialFilterExpression = Builders<Alert>.Filter.Type(a => a.EscalationKey, BsonType.String),
                    }),
            ],
            ct);

    public async Task<bool> TryAddAsync(Alert alert, CancellationToken ct = default)
    {
        try
        {
            await _alerts.InsertOneAsync(alert, cancellationToken: ct);
            return true;
        }
        catch (MongoException ex) when (MongoErrors.IsDuplicateKey(ex))
        {
            return false;
        }
    }

    public async Task<IReadOnlySet<string>> TryAddManyAsync(IReadOnlyList<Alert> alerts, CancellationToken ct = default)
    {
        // The list's own repeats are left out here: an unordered insert does not promise that the first one wins.
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var candidates = alerts.Where(a => ids.Add(a.Id) && (a.EscalationKey is null || keys.Add(a.EscalationKey))).ToList();
        var added = await MongoInserts.InsertNewAsync(_alerts, candidates, ct);
        return added.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<Alert?> GetAsync(string id, CancellationToken ct = default) =>
        await _alerts.Find(a => a.Id == id).FirstOrDefaultAsync(ct);

    public async Task<Alert?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken ct = default) =>
        string.IsNullOrEmpty(providerMessageId) ? null : await _alerts.Find(a => a.ProviderMessageId == providerMessageId).FirstOrDefaultAsync(ct);

    public async Task<bool> TryUpdateAsync(Alert updated, Alert expected, CancellationToken ct = default)
    {
        var filter = Builders<Alert>.Filter.Eq(a => a.Id, expected.Id)
            & Builders<Alert>.Filter.Eq(a => a.Status, expected.Status)
            & Builders<Alert>.Filter.Eq(a => a.Attempts, expected.Attempts);
        var result = await _alerts.ReplaceOneAsync(filter, updated, cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    public async Task<IReadOnlyList<Alert>> ListByStatusAsync(
        AlertStatus status, DateTimeOffset createdBefore, int take, Alert? after = null, CancellationToken ct = default)
    {
        if (take <= 0)
        {
            return [];
        }

        var filter = Builders<Alert>.Filter.Eq(a => a.Status, status)
            & Builders<Alert>.Filter.Lt(a => a.CreatedAt, StoredTime.CeilingMillisecond(createdBefore));
        if (after is not null)
        {
            filter &= Builders<Alert>.Filter.Gt(a => a.CreatedAt, after.CreatedAt)
                | (Builders<Alert>.Filter.Eq(a => a.CreatedAt, after.CreatedAt) & Builders<Alert>.Filter.Gt(a => a.Id, after.Id));
        }

        return await _alerts.Find(filter)
            .SortBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Limit(take)
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Alert>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default) =>
        take <= 0 ? [] : await _alerts.Find(a => a.CustomerId == customerId)
            .SortByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Limit(take)
            .ToListAsync(ct);

    public async Task<IReadOnlyDictionary<string, Alert>> GetLatestForCustomersAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default)
    {
        var latest = new Dictionary<string, Alert>(StringComparer.Ordinal);
        if (customerIds.Count == 0)
        {
            return latest;
        }

        // One query, newest first: the first alert met for a customer is their latest (the page's customers' alerts
        // are few — one per escalation plus manual sends).
        var alerts = await _alerts.Find(Builders<Alert>.Filter.In(a => a.CustomerId, customerIds.Distinct()))
            .SortByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .ToListAsync(ct);
        foreach (var alert in alerts)
        {
            latest.TryAdd(alert.CustomerId, alert);
        }

        return latest;
    }

    public async Task<IReadOnlySet<string>> CustomersWithStatusAsync(
        IReadOnlyCollection<string> customerIds, AlertStatus status, CancellationToken ct = default)
    {
        if (customerIds.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var filter = Builders<Alert>.Filter.In(a => a.CustomerId, customerIds.Distinct())
            & Builders<Alert>.Filter.Eq(a => a.Status, status);
        // Whole documents rather than a projection of the customer id: the test server returns the _id with a
        // projection that excludes it, and a customer's alerts are few.
        var found = await _alerts.Find(filter).ToListAsync(ct);
        return found.Select(a => a.CustomerId).ToHashSet(StringComparer.Ordinal);
    }

    public Task<long> CountSentSinceAsync(DateTimeOffset since, CancellationToken ct = default) =>
        _alerts.CountDocumentsAsync(Builders<Alert>.Filter.Gte(a => a.SentAt, StoredTime.CeilingMillisecond(since)), cancellationToken: ct);

    public async Task<IReadOnlyList<Alert>> ListSentSinceAsync(DateTimeOffset since, int take, CancellationToken ct = default) =>
        take <= 0 ? [] : await _alerts.Find(Builders<Alert>.Filter.Gte(a => a.SentAt, StoredTime.CeilingMillisecond(since)))
            .SortBy(a => a.SentAt).ThenBy(a => a.Id)
            .Limit(take)
            .ToListAsync(ct);

    public async Task<IReadOnlyDictionary<AlertStatus, long>> CountByStatusAsync(CancellationToken ct = default)
    {
        // One indexed count per status rather than a $group, which behaves the same on every server we support.
        var counts = new Dictionary<AlertStatus, long>();
        foreach (var status in Enum.GetValues<AlertStatus>())
        {
            counts[status] = await _alerts.CountDocumentsAsync(Builders<Alert>.Filter.Eq(a => a.Status, status), cancellationToken: ct);
        }

        return counts;
    }
}
