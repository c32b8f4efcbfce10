using CreditRisk.Core.Snapshots;
using MongoDB.Bson;
using MongoDB.Driver;
using F = CreditRisk.Core.Snapshots.SnapshotDocument;

namespace CreditRisk.Core.Persistence.Mongo;

/// <summary>
/// Snapshot rows as documents keyed by customer id, the same fields as the LiteDB adapter's. An import batch is written
/// through the repositories that own the other documents, one part after another.
/// </summary>
internal sealed class MongoCustomerSnapshotRepository(
    IMongoDatabase database, ICustomerRepository customers, IAlertRepository alerts, IRiskAssessmentRepository assessments)
    : ICustomerSnapshotRepository
{
    private readonly IMongoCollection<BsonDocument> _snapshots = database.GetCollection<BsonDocument>(F.CollectionName);

    public async Task UpsertManyAsync(IReadOnlyCollection<CustomerSnapshot> snapshots, CancellationToken ct = default)
    {
        if (snapshots.Count == 0)
        {
            return;
        }

        var writes = snapshots
            .Select(s => new ReplaceOneModel<BsonDocument>(Builders<BsonDocument>.Filter.Eq(F.Id, s.CustomerId), ToDocument(s)) { IsUpsert = true })
            .ToList();
        await _snapshots.BulkWriteAsync(writes, new BulkWriteOptions { IsOrdered = false }, ct);
    }

    public async Task<CustomerSnapshot?> GetAsync(string customerId, CancellationToken ct = default)
    {
        var doc = await _snapshots.Find(Builders<BsonDocument>.Filter.Eq(F.Id, customerId)).FirstOrDefaultAsync(ct);
        return doc is null ? null : FromDocument(doc);
    }

    public async Task<IReadOnlyDictionary<string, CustomerSnapshot>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default)
    {
        if (customerIds.Count == 0)
        {
            return new Dictionary<string, CustomerSnapshot>();
        }

        var found = await _snapshots.Find(Builders<BsonDocument>.Filter.In(F.Id, customerIds.Distinct())).ToListAsync(ct);
        return found.Select(FromDocument).ToDictionary(s => s.CustomerId, StringComparer.Ordinal);
    }

    public Task<long> CountAsync(CancellationToken ct = default) =>
        _snapshots.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken: ct);

    // No multi-document transaction (a standalone server has none): the parts go in the order the risk pipeline keeps —
    // records, then alerts (keyed by the prior state), then the assessments that make that state current — so a crash
    // in between leaves what a crashed pipeline run leaves, and importing again completes it.
    public async Task<IReadOnlySet<string>> WriteImportBatchAsync(SnapshotImportBatch batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await customers.UpsertManyAsync(batch.Customers, ct);
        await UpsertManyAsync(batch.Snapshots, ct);
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alert in batch.Alerts)
        {
            if (await alerts.TryAddAsync(alert, ct))
            {
                added.Add(alert.Id);
            }
        }

        await assessments.AddManyAsync(batch.Assessments, ct);
        return added;
    }

    private static BsonDocument ToDocument(CustomerSnapshot s)
    {
        var doc = new BsonDocument
        {
            [F.Id] = s.CustomerId,
            [F.AsOf] = F.Day(s.AsOf),
            [F.CreditLimit] = new BsonDecimal128(s.CreditLimit),
            [F.UtilisationPct] = s.UtilisationPct,
            [F.AvgPaymentRatioPct] = s.AvgPaymentRatioPct,
            [F.MinDuePaidFrequencyPct] = s.MinDuePaidFrequencyPct,
            [F.MerchantMixIndex] = s.MerchantMixIndex,
            [F.CashWithdrawalPct] = s.CashWithdrawalPct,
            [F.RecentSpendChangePct] = s.RecentSpendChangePct,
            [F.ImportedAt] = s.ImportedAt.UtcDateTime,
        };
        if (s.DpdBucketNextMonth is { } bucket)
        {
            doc[F.DpdBucketNextMonth] = bucket;
        }

        return doc;
    }

    private static CustomerSnapshot FromDocument(BsonDocument doc) => new()
    {
        CustomerId = doc[F.Id].AsString,
        AsOf = F.Day(doc[F.AsOf].AsString),
        CreditLimit = doc[F.CreditLimit].AsDecimal,
        UtilisationPct = doc[F.UtilisationPct].AsDouble,
        AvgPaymentRatioPct = doc[F.AvgPaymentRatioPct].AsDouble,
        MinDuePaidFrequencyPct = doc[F.MinDuePaidFrequencyPct].AsDouble,
        MerchantMixIndex = doc[F.MerchantMixIndex].AsDouble,
        CashWithdrawalPct = doc[F.CashWithdrawalPct].AsDouble,
        RecentSpendChangePct = doc[F.RecentSpendChangePct].AsDouble,
        DpdBucketNextMonth = doc.TryGetValue(F.DpdBucketNextMonth, out var bucket) && bucket.IsNumeric ? bucket.ToInt32() : null,
        ImportedAt = new DateTimeOffset(doc[F.ImportedAt].ToUniversalTime(), TimeSpan.Zero),
    };
}
