using CreditRisk.Core.Alerts;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>The alert outbox, indexed by status then age (delivery sweeps), customer then age, and provider message id.</summary>
internal sealed class LiteDbAlertRepository(LiteDbContext db) : IAlertRepository
{
    private const string CustomerKey = LiteDbCollections.CustomerTimeKey;
    private const string StatusKey = LiteDbCollections.StatusTimeKey;
    private const string EscalationKey = LiteDbCollections.EscalationKey;
    private const string SentAtKey = nameof(Alert.SentAt);

    private readonly ILiteCollection<BsonDocument> _alerts = db.Collection(LiteDbCollections.Alerts);

    /// <summary>
    /// With the key as a parameter: LiteDB compiles an expression once per text, and <c>Query.EQ</c> writes the value
    /// into the text, so each call would compile (and JIT) a new one.
    /// </summary>
    private const string KeyIs = "$." + EscalationKey + " = @0";

    public void EnsureIndexes()
    {
        _alerts.EnsureIndex(CustomerKey, "$." + CustomerKey);
        _alerts.EnsureIndex(StatusKey, "$." + StatusKey);
        _alerts.EnsureIndex("ProviderMessageId", "$.ProviderMessageId");
        _alerts.EnsureIndex(SentAtKey, "$." + SentAtKey);
        _alerts.EnsureIndex(EscalationKey, "$." + EscalationKey, unique: true);
    }

    // The unique indexes on the id and the escalation key decide, so there is no read to race with.
    public Task<bool> TryAddAsync(Alert alert, CancellationToken ct = default) => Run(() => db.TryInsert(_alerts, ToDocument(alert)), ct);

    public Task<IReadOnlySet<string>> TryAddManyAsync(IReadOnlyList<Alert> alerts, CancellationToken ct = default) => Run<IReadOnlySet<string>>(
        () => alerts.Count == 0 ? new HashSet<string>(StringComparer.Ordinal) : db.InTransaction(() => AddNewInTransaction(alerts)), ct);

    /// <summary>
    /// Inside the caller's transaction (under <see cref="LiteDbContext.WriteGate"/>): adds each alert whose id and
    /// escalation key are both free, as <see cref="TryAddAsync"/> would, and returns the ids added. Checked by reading
    /// first, since a duplicate insert would roll the caller's whole transaction back; the gate makes check and insert
    /// one step. Two alerts of the batch with one key: the first wins.
    /// </summary>
    internal HashSet<string> AddNewInTransaction(IReadOnlyCollection<Alert> alerts)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var documents = new List<BsonDocument>(alerts.Count);
        foreach (var alert in alerts)
        {
            var doc = ToDocument(alert);
            // Any number of alerts may have no key (then the document has none either).
            var key = doc[EscalationKey];
            if (added.Contains(alert.Id)
                || (key.IsString && (!keys.Add(key.AsString) || _alerts.Exists(KeyIs, key)))
                || _alerts.FindById(alert.Id) is not null)
            {
                continue;
            }

            added.Add(alert.Id);
            documents.Add(doc);
        }

        if (documents.Count > 0)
        {
            _alerts.Insert(documents);
        }

        return added;
    }

    public Task<Alert?> GetAsync(string id, CancellationToken ct = default) =>
        Run(() => _alerts.FindById(id) is { } doc ? db.ToEntity<Alert>(doc) : null, ct);

    public Task<Alert?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken ct = default) => Run(() =>
        string.IsNullOrEmpty(providerMessageId)
            ? null
            : _alerts.FindOne(Query.EQ("ProviderMessageId", providerMessageId)) is { } doc ? db.ToEntity<Alert>(doc) : null, ct);

    public Task<bool> TryUpdateAsync(Alert updated, Alert expected, CancellationToken ct = default) => Run(() =>
    {
        var doc = ToDocument(updated);
        // The compare-and-swap reads before it writes: the write gate holds across both.
        lock (db.WriteGate)
        {
            if (_alerts.FindById(updated.Id) is not { } stored)
            {
                return false;
            }

            var current = db.ToEntity<Alert>(stored);
            if (current.Status != expected.Status || current.Attempts != expected.Attempts)
            {
                return false;
            }

            return _alerts.Update(doc);
        }
    }, ct);

    public Task<IReadOnlyList<Alert>> ListByStatusAsync(
        AlertStatus status, DateTimeOffset createdBefore, int take, Alert? after = null, CancellationToken ct = default) =>
        Run<IReadOnlyList<Alert>>(() =>
        {
            var before = LiteDbKeys.From(status.ToString(), StoredTime.CeilingMillisecond(createdBefore));
            return _alerts.Query()
                .Where(after is null
                    ? Query.Between(StatusKey, LiteDbKeys.First(status.ToString()), before)
                    : Query.And(Query.GT(StatusKey, LiteDbKeys.OwnerTime(status.ToString(), after.CreatedAt, after.Id)), Query.LTE(StatusKey, before)))
                .OrderBy(StatusKey)
                .Limit(take)
                .ToEnumerable()
                .Select(db.ToEntity<Alert>)
                .ToList();
        }, ct);

    public Task<IReadOnlyList<Alert>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<Alert>>(() => _alerts.Query()
            .Where(Query.Between(CustomerKey, LiteDbKeys.First(customerId), LiteDbKeys.Last(customerId)))
            .OrderByDescending(CustomerKey)
            .Limit(take)
            .ToEnumerable()
            .Select(db.ToEntity<Alert>)
            .ToList(), ct);

    public Task<IReadOnlyDictionary<string, Alert>> GetLatestForCustomersAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, Alert>>(() =>
        {
            // One index seek per customer inside one call: the customer+time key's newest entry.
            var latest = new Dictionary<string, Alert>(StringComparer.Ordinal);
            foreach (var customerId in customerIds.Distinct())
            {
                if (_alerts.Query()
                    .Where(Query.Between(CustomerKey, LiteDbKeys.First(customerId), LiteDbKeys.Last(customerId)))
                    .OrderByDescending(CustomerKey)
                    .Limit(1)
                    .FirstOrDefault() is { } doc)
                {
                    latest[customerId] = db.ToEntity<Alert>(doc);
                }
            }

            return latest;
        }, ct);

    public Task<IReadOnlySet<string>> CustomersWithStatusAsync(
        IReadOnlyCollection<string> customerIds, AlertStatus status, CancellationToken ct = default) =>
        Run<IReadOnlySet<string>>(() => customerIds
            .Distinct(StringComparer.Ordinal)
            .Where(customerId => _alerts.Query()
                .Where(Query.Between(CustomerKey, LiteDbKeys.First(customerId), LiteDbKeys.Last(customerId)))
                .ToEnumerable()
                .Any(doc => db.ToEntity<Alert>(doc).Status == status))
            .ToHashSet(StringComparer.Ordinal), ct);

    public Task<long> CountSentSinceAsync(DateTimeOffset since, CancellationToken ct = default) =>
        Run(() => _alerts.LongCount(SentSince(since)), ct);

    public Task<IReadOnlyList<Alert>> ListSentSinceAsync(DateTimeOffset since, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<Alert>>(() => take <= 0 ? [] : _alerts.Query()
            .Where(SentSince(since))
            .OrderBy(SentAtKey)
            .Limit(take)
            .ToEnumerable()
            .Select(db.ToEntity<Alert>)
            .ToList(), ct);

    public Task<IReadOnlyDictionary<AlertStatus, long>> CountByStatusAsync(CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<AlertStatus, long>>(() => Enum.GetValues<AlertStatus>().ToDictionary(
            s => s,
            s => _alerts.LongCount(Query.Between(StatusKey, LiteDbKeys.First(s.ToString()), LiteDbKeys.Last(s.ToString())))), ct);

    private static BsonExpression SentSince(DateTimeOffset since) =>
        Query.GTE(SentAtKey, new BsonValue(StoredTime.CeilingMillisecond(since).UtcDateTime));

    private BsonDocument ToDocument(Alert alert)
    {
        var doc = db.ToDocument(alert);
        doc[CustomerKey] = LiteDbKeys.OwnerTime(alert.CustomerId, alert.CreatedAt, alert.Id);
        doc[StatusKey] = LiteDbKeys.OwnerTime(alert.Status.ToString(), alert.CreatedAt, alert.Id);

        // LiteDB's unique indexes count null as a value, so alerts without an escalation key each get a distinct
        // stand-in (the separator keeps it from ever equalling a real key).
        doc[EscalationKey] = alert.EscalationKey ?? LiteDbKeys.Separator + "manual" + LiteDbKeys.Separator + alert.Id;
        return doc;
    }
}
