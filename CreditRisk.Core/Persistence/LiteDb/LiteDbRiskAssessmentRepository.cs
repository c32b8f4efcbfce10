using CreditRisk.Core.Risk;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>Assessment history (by customer then time) plus one current-risk row per customer for grids and counts.</summary>
internal sealed class LiteDbRiskAssessmentRepository(LiteDbContext db) : IRiskAssessmentRepository
{
    private const string HistoryKey = LiteDbCollections.CustomerTimeKey;
    private const string BandScore = LiteDbCollections.BandScoreKey;

    /// <summary>Width of one band in <see cref="BandScore"/>; scores are 0–1, so bands never overlap.</summary>
    private const double BandWidth = 10;

    private readonly ILiteCollection<BsonDocument> _history = db.Collection(LiteDbCollections.Assessments);
    private const string RuleIdsIndex = "RuleIds";

    private readonly ILiteCollection<BsonDocument> _current = db.Collection(LiteDbCollections.CurrentRisk);

    public void EnsureIndexes()
    {
        _history.EnsureIndex(HistoryKey, "$." + HistoryKey);
        _current.EnsureIndex("Band", "$.Band");
        _current.EnsureIndex("Score", "$.Score");
        _current.EnsureIndex(BandScore, "$." + BandScore);
        _current.EnsureIndex(RuleIdsIndex, "$.RuleIds[*]");
    }

    public Task AddManyAsync(IReadOnlyCollection<RiskAssessment> assessments, CancellationToken ct = default) => Run(() =>
    {
        if (assessments.Count == 0)
        {
            return;
        }

        var history = assessments.Select(ToHistoryDocument).ToList();

        // In input order the last assessment of a customer is the one left current.
        var current = assessments
            .GroupBy(a => a.CustomerId, StringComparer.Ordinal)
            .Select(g => ToCurrentDocument(CustomerRiskProjection.From(g.Last())))
            .ToList();

        db.InTransaction(() =>
        {
            _history.Upsert(history);
            _current.Upsert(current);
        });
    }, ct);

    public Task<RiskAssessment?> GetLatestAsync(string customerId, CancellationToken ct = default) =>
        Run(() => HistoryNewestFirst(customerId).Limit(1).FirstOrDefault() is { } doc ? db.ToEntity<RiskAssessment>(doc) : null, ct);

    public Task<IReadOnlyList<RiskAssessment>> ListHistoryAsync(string customerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<RiskAssessment>>(() => HistoryNewestFirst(customerId)
            .Limit(take)
            .ToEnumerable()
            .Select(db.ToEntity<RiskAssessment>)
            .ToList(), ct);

    public Task<IReadOnlyDictionary<string, CustomerRisk>> GetCurrentManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, CustomerRisk>>(() =>
        {
            var found = new Dictionary<string, CustomerRisk>(StringComparer.Ordinal);
            foreach (var id in customerIds.Distinct(StringComparer.Ordinal))
            {
                if (_current.FindById(id) is { } doc)
                {
                    found[id] = db.ToEntity<CustomerRisk>(doc);
                }
            }

            return found;
        }, ct);

    public Task<IReadOnlyList<CustomerRisk>> QueryCurrentAsync(RiskBand? band, double minScore, int skip, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<CustomerRisk>>(() =>
        {
            var (field, filter) = CurrentFilter(band, minScore);
            return _current.Query()
                .Where(filter)
                .OrderByDescending(field)
                .Skip(skip)
                .Limit(take)
                .ToEnumerable()
                .Select(db.ToEntity<CustomerRisk>)
                .ToList();
        }, ct);

    public Task<long> CountCurrentAsync(RiskBand? band, double minScore, CancellationToken ct = default) =>
        Run(() => _current.LongCount(CurrentFilter(band, minScore).Filter), ct);

    public Task<IReadOnlyDictionary<RiskBand, long>> CountByBandAsync(CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<RiskBand, long>>(() => Enum.GetValues<RiskBand>()
            .ToDictionary(b => b, b => _current.LongCount(Query.EQ("Band", b.ToString()))), ct);

    public Task<IReadOnlyDictionary<string, long>> CountCurrentByRuleAsync(IReadOnlyCollection<string> ruleIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, long>>(() => ruleIds
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => (long)_current.Count(BsonExpression.Create("$.RuleIds[*] ANY = @0", new BsonValue(id))), StringComparer.Ordinal), ct);

    private ILiteQueryableResult<BsonDocument> HistoryNewestFirst(string customerId) => _history.Query()
        .Where(Query.Between(HistoryKey, LiteDbKeys.First(customerId), LiteDbKeys.Last(customerId)))
        .OrderByDescending(HistoryKey);

    /// <summary>With a band, one range on the band+score index serves both the filter and the order.</summary>
    private static (string Field, BsonExpression Filter) CurrentFilter(RiskBand? band, double minScore)
    {
        if (band is not { } b)
        {
            return ("Score", Query.GTE("Score", minScore));
        }

        var floor = (int)b * BandWidth;
        return (BandScore, Query.Between(BandScore, floor + Math.Max(minScore, -BandWidth / 2), floor + (BandWidth / 2)));
    }

    private BsonDocument ToHistoryDocument(RiskAssessment assessment)
    {
        var doc = db.ToDocument(assessment);
        doc[HistoryKey] = LiteDbKeys.OwnerTime(assessment.CustomerId, assessment.AssessedAt, assessment.Id);
        return doc;
    }

    private BsonDocument ToCurrentDocument(CustomerRisk risk)
    {
        var doc = db.ToDocument(risk);
        doc[BandScore] = ((int)risk.Band * BandWidth) + risk.Score;
        return doc;
    }
}
