using CreditRisk.Core.Snapshots;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;
using F = CreditRisk.Core.Snapshots.SnapshotDocument;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// Snapshot rows as plain documents keyed by customer id (written by hand: the shared mapper is closed to new types).
/// An import batch goes through the repositories that own the other documents, so their in-memory rows stay exact.
/// </summary>
internal sealed class LiteDbCustomerSnapshotRepository(
    LiteDbContext db, LiteDbCustomerRepository customers, LiteDbAlertRepository alerts, LiteDbRiskAssessmentRepository assessments)
    : ICustomerSnapshotRepository
{
    private readonly ILiteCollection<BsonDocument> _snapshots = db.Collection(F.CollectionName);

    public Task UpsertManyAsync(IReadOnlyCollection<CustomerSnapshot> snapshots, CancellationToken ct = default) => Run(() =>
    {
        if (snapshots.Count > 0)
        {
            var documents = snapshots.Select(ToDocument).ToList();
            db.InTransaction(() => _snapshots.Upsert(documents));
        }
    }, ct);

    public Task<CustomerSnapshot?> GetAsync(string customerId, CancellationToken ct = default) =>
        Run(() => _snapshots.FindById(customerId) is { } doc ? FromDocument(doc) : null, ct);

    public Task<IReadOnlyDictionary<string, CustomerSnapshot>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, CustomerSnapshot>>(
            () => FindByIds(_snapshots, customerIds).ToDictionary(e => e.Key, e => FromDocument(e.Value), StringComparer.Ordinal), ct);

    public Task<long> CountAsync(CancellationToken ct = default) => Run(() => _snapshots.LongCount(), ct);

    // One transaction for the batch: one commit instead of one per part and one per alert. The documents are made
    // before the write gate is taken, so a second import batch can map its documents while this one writes.
    public Task<IReadOnlySet<string>> WriteImportBatchAsync(SnapshotImportBatch batch, CancellationToken ct = default) =>
        Run<IReadOnlySet<string>>(() =>
        {
            ArgumentNullException.ThrowIfNull(batch);
            var customerDocuments = customers.ToDocuments(batch.Customers);

            // A new customer has no snapshot yet (only an import writes one, with the customer), so theirs is inserted
            // without the lookup an upsert makes first; if one was there after all, the retry upserts.
            var snapshotDocuments = batch.Snapshots.ToLookup(s => customers.IsKnownAbsent(s.CustomerId), ToDocument);
            var added = new HashSet<string>(StringComparer.Ordinal);
            assessments.AddMany(batch.Assessments, alongside: retry =>
            {
                customers.UpsertInTransaction(customerDocuments, upsertAll: retry);
                if (retry)
                {
                    _snapshots.Upsert(snapshotDocuments.SelectMany(g => g));
                }
                else
                {
                    _snapshots.Insert(snapshotDocuments[true]);
                    _snapshots.Upsert(snapshotDocuments[false]);
                }

                // Replaced, not added to: a retried transaction decides again from what is stored.
                added = alerts.AddNewInTransaction(batch.Alerts);
                return () => customers.Committed(customerDocuments);
            });
            return added;
        }, ct);

    /// <summary>The stored document; the SQLite adapter stores the same one.</summary>
    internal static BsonDocument ToDocument(CustomerSnapshot s)
    {
        var doc = new BsonDocument
        {
            [F.Id] = s.CustomerId,
            [F.AsOf] = F.Day(s.AsOf),
            [F.CreditLimit] = s.CreditLimit,
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

    internal static CustomerSnapshot FromDocument(BsonDocument doc) => new()
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
        DpdBucketNextMonth = doc.TryGetValue(F.DpdBucketNextMonth, out var bucket) && bucket.IsNumber ? bucket.AsInt32 : null,
        ImportedAt = new DateTimeOffset(DateTime.SpecifyKind(doc[F.ImportedAt].AsDateTime.ToUniversalTime(), DateTimeKind.Utc)),
    };
}
