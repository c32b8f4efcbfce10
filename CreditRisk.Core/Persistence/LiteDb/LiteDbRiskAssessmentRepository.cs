using CreditRisk.Core.Risk;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>Assessment history (by customer then time) plus one current-risk row per customer for grids and counts.</summary>
internal sealed class LiteDbRiskAssessmentRepository(LiteDbContext db) : IRiskAssessmentRepository
{
    private const string HistoryKey = LiteDbCollections.CustomerTimeKey;
    private const string BandScore = LiteDbCollections.BandScoreKey;

    /// <summary>On history documents: the assessment time when it changed the band, else null (not in the index range).</summary>
    private const string BandChangedAt = "_bandChangedAt";

    /// <summary>Current-risk rows kept in memory (about 400 bytes each): the pipeline reads them for every batch.</summary>
    private const int CurrentCacheCapacity = 500_000;

    private readonly ILiteCollection<BsonDocument> _history = db.Collection(LiteDbCollections.Assessments);
    private readonly ReadThroughCache<CustomerRisk> _currentCache = new(CurrentCacheCapacity);
    private readonly Lock _currentWrites = new();
    private readonly LiteDbFeatureVectors _vectors = new(db);

    /// <summary>On history documents: the id of the feature names' list and the values (see <see cref="LiteDbFeatureVectors"/>).</summary>
    private const string FeatureSet = "_featureSet";
    private const string FeatureValues = "_features";
    private const string RuleIdsIndex = "RuleIds";

    private readonly ILiteCollection<BsonDocument> _current = db.Collection(LiteDbCollections.CurrentRisk);
    private readonly LiteDbCurrentRiskQueries _queries = new(db);

    public void EnsureIndexes()
    {
        _history.EnsureIndex(HistoryKey, "$." + HistoryKey);
        // Band filters and counts ride the band+score index, so a separate band index (one more node to maintain on
        // every first write and band change) is dropped, also from existing files.
        _current.DropIndex("Band");
        _current.EnsureIndex("Score", "$.Score");
        _current.EnsureIndex(BandScore, "$." + BandScore);
        _current.EnsureIndex(RuleIdsIndex, "$.RuleIds[*]");
        _current.EnsureIndex(nameof(CustomerRisk.ModelVersion), "$." + nameof(CustomerRisk.ModelVersion));

        // Files written before the grid filtered by rule carry an index on the reasons' text; it made every current-risk
        // write half again as costly and no query uses it now.
        _current.DropIndex("Reasons");
        _current.EnsureIndex("AssessedAt", "$.AssessedAt");
        _history.EnsureIndex(BandChangedAt, "$." + BandChangedAt);
    }

    public Task AddManyAsync(IReadOnlyCollection<RiskAssessment> assessments, CancellationToken ct = default) =>
        Run(() => AddMany(assessments, alongside: null), ct);

    /// <summary>
    /// Stores the assessments as <see cref="AddManyAsync"/> does; <paramref name="alongside"/> (when given) writes other
    /// documents in the same transaction and returns what to do once it has committed (caches). It may run twice: when
    /// a key was taken already (an assessment stored before, say), the first transaction rolls back and the whole write
    /// is made again with upserts only; its argument says it is that second time.
    /// </summary>
    internal void AddMany(IReadOnlyCollection<RiskAssessment> assessments, Func<bool, Action>? alongside)
    {
        if (assessments.Count == 0)
        {
            if (alongside is not null)
            {
                // Its caches are set before the gate is let go, so they follow the commits in order.
                lock (db.WriteGate)
                {
                    db.InTransaction(() => alongside(false))();
                }
            }

            return;
        }

        var history = assessments.Select(ToHistoryDocument).ToList();

        // In input order the last assessment of a customer is the one left current, unless the stored row comes from a
        // newer profile (CustomerRiskProjection.MayReplace). Check and write are one step under the gate. Each row is
        // kept as the document stores it (UTC, whole milliseconds), so the cached row equals one read back.
        var candidates = assessments
            .GroupBy(a => a.CustomerId, StringComparer.Ordinal)
            .Select(g => CustomerRiskProjection.From(g.Last()))
            .Select(r => r with { AssessedAt = AsStored(r.AssessedAt), ComputedAt = r.ComputedAt is { } c ? AsStored(c) : null })
            .ToList();
        lock (_currentWrites)
        {
            var stored = ReadCurrent([.. candidates.Select(r => r.CustomerId)]);
            var latest = candidates.Where(r => CustomerRiskProjection.MayReplace(stored.GetValueOrDefault(r.CustomerId), r)).ToList();
            var current = latest.Select(ToCurrentDocument).ToList();

            // A customer's first row is inserted: the read above (exact, see ReadThroughCache) found none, and an upsert
            // would look the id up again first.
            var isReplacing = current.ToLookup(d => stored.ContainsKey(d["_id"].AsString));

            // The caches are set before the write gate is let go: the current rows' writers take this lock anyway, but
            // the customers of an import batch (committed) are written by UpsertManyAsync too, under the gate only.
            lock (db.WriteGate)
            {
                Action? committed;
                try
                {
                    // Assessment ids are new, so the history is inserted without the lookup an upsert makes first.
                    committed = db.InTransaction(() =>
                    {
                        var after = alongside?.Invoke(false);
                        _history.Insert(history);
                        _current.Insert(isReplacing[false]);
                        _current.Upsert(isReplacing[true]);
                        return after;
                    });
                }
                catch (LiteException ex) when (IsDuplicateKey(ex))
                {
                    // An assessment stored before (a caller's retry): the whole transaction rolled back; replace as before.
                    committed = db.InTransaction(() =>
                    {
                        var after = alongside?.Invoke(true);
                        _history.Upsert(history);
                        _current.Upsert(current);
                        return after;
                    });
                }

                // The projection is what the document holds: caching it saves mapping the document back.
                foreach (var risk in latest)
                {
                    _currentCache.Set(risk.CustomerId, risk);
                }

                committed?.Invoke();
            }
        }
    }

    public Task<RiskAssessment?> GetLatestAsync(string customerId, CancellationToken ct = default) =>
        Run(() => HistoryNewestFirst(customerId).Limit(1).FirstOrDefault() is { } doc ? FromHistoryDocument(doc) : null, ct);

    public Task<IReadOnlyList<RiskAssessment>> ListHistoryAsync(string customerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<RiskAssessment>>(() => HistoryNewestFirst(customerId)
            .Limit(take)
            .ToEnumerable()
            .Select(FromHistoryDocument)
            .ToList(), ct);

    public Task<IReadOnlyDictionary<string, RiskAssessment>> GetManyAsync(IReadOnlyCollection<string> assessmentIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, RiskAssessment>>(() =>
        {
            var found = new Dictionary<string, RiskAssessment>(StringComparer.Ordinal);
            foreach (var id in assessmentIds.Distinct())
            {
                if (_history.FindById(id) is { } doc)
                {
                    found[id] = FromHistoryDocument(doc);
                }
            }

            return found;
        }, ct);

    public Task<IReadOnlyDictionary<string, CustomerRisk>> GetCurrentManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, CustomerRisk>>(() =>
        {
            // Callers get their own lists: the cached row is shared.
            return ReadCurrent(customerIds).ToDictionary(e => e.Key, e => CustomerRiskProjection.WithOwnLists(e.Value), StringComparer.Ordinal);
        }, ct);

    public Task<IReadOnlyList<CustomerRisk>> QueryCurrentAsync(RiskBand? band, double minScore, int skip, int take, CancellationToken ct = default) =>
        _queries.QueryCurrentAsync(band, minScore, skip, take, ct);

    public Task<long> CountCurrentAsync(RiskBand? band, double minScore, CancellationToken ct = default) => _queries.CountCurrentAsync(band, minScore, ct);

    public Task<IReadOnlyList<long>> CountCurrentScoresOfModelAsync(string modelVersion, IReadOnlyList<double> upperEdges, CancellationToken ct = default) =>
        _queries.CountScoresOfModelAsync(modelVersion, upperEdges, ct);

    public Task<IReadOnlyDictionary<RiskBand, long>> CountByBandAsync(CancellationToken ct = default) => _queries.CountByBandAsync(ct);

    public Task<IReadOnlyDictionary<string, long>> CountCurrentByRuleAsync(IReadOnlyCollection<string> ruleIds, CancellationToken ct = default) =>
        _queries.CountCurrentByRuleAsync(ruleIds, ct);

    public Task<CurrentRiskPage> QueryCurrentPageAsync(CurrentRiskQuery query, CancellationToken ct = default) => _queries.QueryCurrentPageAsync(query, ct);

    public Task<IReadOnlyList<RiskBandChange>> ListBandChangesSinceAsync(DateTimeOffset since, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<RiskBandChange>>(() => take <= 0 ? [] : _history.Query()
            .Where(Query.GTE(BandChangedAt, StoredTime.CeilingMillisecond(since).UtcDateTime))
            .OrderByDescending(BandChangedAt)
            .Limit(take)
            .ToEnumerable()
            .Select(doc => new RiskBandChange(
                doc["CustomerId"].AsString,
                new DateTimeOffset(DateTime.SpecifyKind(doc["AssessedAt"].AsDateTime.ToUniversalTime(), DateTimeKind.Utc)),
                doc["PreviousBand"].IsNull ? null : Enum.Parse<RiskBand>(doc["PreviousBand"].AsString),
                Enum.Parse<RiskBand>(doc["Band"].AsString)))
            .ToList(), ct);

    private ILiteQueryableResult<BsonDocument> HistoryNewestFirst(string customerId) => _history.Query()
        .Where(Query.Between(HistoryKey, LiteDbKeys.First(customerId), LiteDbKeys.Last(customerId)))
        .OrderByDescending(HistoryKey);

    private BsonDocument ToHistoryDocument(RiskAssessment assessment)
    {
        var doc = db.ToDocument(assessment with { Features = [] });
        doc.Remove(nameof(RiskAssessment.Features));
        var (setId, values) = _vectors.Encode(assessment.Features);
        doc[FeatureSet] = setId;
        doc[FeatureValues] = values;
        doc[HistoryKey] = LiteDbKeys.OwnerTime(assessment.CustomerId, assessment.AssessedAt, assessment.Id);
        doc[BandChangedAt] = assessment.Band != assessment.PreviousBand ? new BsonValue(assessment.AssessedAt.UtcDateTime) : BsonValue.Null;
        return doc;
    }

    /// <summary>Reads both forms: features as a vector, or (written before the vectors) as sub-documents.</summary>
    private RiskAssessment FromHistoryDocument(BsonDocument doc)
    {
        var assessment = db.ToEntity<RiskAssessment>(doc);
        return doc.TryGetValue(FeatureValues, out var values)
            ? assessment with { Features = _vectors.Decode(doc[FeatureSet].AsString, values.AsBinary) }
            : assessment;
    }

    private Dictionary<string, CustomerRisk> ReadCurrent(IReadOnlyCollection<string> customerIds) => _currentCache.GetMany(
        customerIds, missing => FindByIds(_current, missing).ToDictionary(e => e.Key, e => db.ToEntity<CustomerRisk>(e.Value), StringComparer.Ordinal));

    private static DateTimeOffset AsStored(DateTimeOffset value) =>
        new(LiteDbMapper.TruncateToMilliseconds(value.UtcDateTime), TimeSpan.Zero);

    private BsonDocument ToCurrentDocument(CustomerRisk risk)
    {
        var doc = db.ToDocument(risk);
        doc[BandScore] = LiteDbCurrentRiskQueries.BandScoreOf(risk);
        return doc;
    }
}
