using CreditRisk.Core.Risk;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// The grid's and the counts' queries over the current-risk rows (<see cref="LiteDbRiskAssessmentRepository"/> writes
/// them): filters by band, score, rule and alert status, served by the band+score index where it can.
/// </summary>
internal sealed class LiteDbCurrentRiskQueries(LiteDbContext db)
{
    private const string BandScore = LiteDbCollections.BandScoreKey;

    /// <summary>Width of one band in <see cref="BandScore"/>; scores are 0–1, so bands never overlap.</summary>
    private const double BandWidth = 10;

    private readonly ILiteCollection<BsonDocument> _current = db.Collection(LiteDbCollections.CurrentRisk);
    private readonly ILiteCollection<BsonDocument> _alerts = db.Collection(LiteDbCollections.Alerts);

    /// <summary>The value stored in <see cref="BandScore"/>: band filter and score order in one index.</summary>
    public static double BandScoreOf(CustomerRisk risk) => ((int)risk.Band * BandWidth) + risk.Score;

    public Task<IReadOnlyList<CustomerRisk>> QueryCurrentAsync(RiskBand? band, double minScore, int skip, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<CustomerRisk>>(() =>
        {
            var (field, filter) = CurrentFilter(band, minScore);
            var ordered = _current.Query().Where(filter).OrderByDescending(field).ToEnumerable();
            return TieBrokenPage.Read(ordered, field, descending: true, "_id", tieDescending: false, skip, take)
                .Select(db.ToEntity<CustomerRisk>)
                .ToList();
        }, ct);

    public Task<long> CountCurrentAsync(RiskBand? band, double minScore, CancellationToken ct = default) =>
        Run(() => _current.LongCount(CurrentFilter(band, minScore).Filter), ct);

    /// <summary>One pass over the model's rows (its index), binning each score: LiteDB counts a range by reading it anyway.</summary>
    public Task<IReadOnlyList<long>> CountScoresOfModelAsync(string modelVersion, IReadOnlyList<double> upperEdges, CancellationToken ct = default) =>
        Run<IReadOnlyList<long>>(() =>
        {
            var bins = new long[upperEdges.Count + 1];
            foreach (var doc in _current.Find(Query.EQ(nameof(CustomerRisk.ModelVersion), new BsonValue(modelVersion))))
            {
                ScoreBinCounts.Add(bins, upperEdges, doc[nameof(CustomerRisk.Score)].AsDouble);
            }

            return bins;
        }, ct);

    public Task<IReadOnlyDictionary<RiskBand, long>> CountByBandAsync(CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<RiskBand, long>>(() => Enum.GetValues<RiskBand>()
            .ToDictionary(b => b, b => _current.LongCount(CurrentFilter(b, double.MinValue).Filter)), ct);

    public Task<IReadOnlyDictionary<string, long>> CountCurrentByRuleAsync(IReadOnlyCollection<string> ruleIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, long>>(() => ruleIds
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => (long)_current.Count(BsonExpression.Create("$.RuleIds[*] ANY = @0", new BsonValue(id))), StringComparer.Ordinal), ct);

    public Task<CurrentRiskPage> QueryCurrentPageAsync(CurrentRiskQuery query, CancellationToken ct = default) => Run(() =>
    {
        var filters = new List<BsonExpression>();
        var (scoreField, scoreFilter) = ScoreRange(query.Band, query.MinScore, query.MaxScore);
        filters.Add(scoreFilter);
        if (query.RuleId is { } ruleId)
        {
            filters.Add(BsonExpression.Create("$.RuleIds[*] ANY = @0", new BsonValue(ruleId)));
        }

        if (query.AlertStatus is { } status)
        {
            var name = status.ToString();
            var customerIds = _alerts.Query()
                .Where(Query.Between(LiteDbCollections.StatusTimeKey, LiteDbKeys.First(name), LiteDbKeys.Last(name)))
                .ToEnumerable()
                .Select(doc => new BsonValue(doc["CustomerId"].AsString))
                .Distinct()
                .ToArray();
            if (customerIds.Length == 0)
            {
                return new CurrentRiskPage([], 0);
            }

            filters.Add(Query.In("_id", customerIds));
        }

        // Chained Where, not Query.And: LiteDB 5 evaluates an ANY predicate inside AND wrongly (finds nothing).
        ILiteQueryable<BsonDocument> Filtered()
        {
            var q = _current.Query();
            foreach (var f in filters)
            {
                q = q.Where(f);
            }

            return q;
        }

        var (field, descending) = query.Sort switch
        {
            CurrentRiskSort.ScoreAscending => (scoreField, false),
            CurrentRiskSort.AssessedAtDescending => ("AssessedAt", true),
            CurrentRiskSort.AssessedAtAscending => ("AssessedAt", false),
            CurrentRiskSort.CustomerIdAscending => ("_id", false),
            CurrentRiskSort.CustomerIdDescending => ("_id", true),
            _ => (scoreField, true),
        };
        var ordered = (descending ? Filtered().OrderByDescending(field) : Filtered().OrderBy(field)).ToEnumerable();
        var items = TieBrokenPage.Read(ordered, field, descending, "_id", tieDescending: field == "_id" && descending, query.Skip, Math.Clamp(query.Take, 1, 500))
            .Select(db.ToEntity<CustomerRisk>)
            .ToList();
        return new CurrentRiskPage(items, Filtered().LongCount());
    }, ct);

    /// <summary>Score range filter; with a band, on the band+score index so it also serves the score order.</summary>
    private static (string Field, BsonExpression Filter) ScoreRange(RiskBand? band, double minScore, double maxScore) =>
        band is { } b
            ? (BandScore, Query.Between(BandScore, ((int)b * BandWidth) + minScore, ((int)b * BandWidth) + maxScore))
            : ("Score", Query.Between("Score", minScore, maxScore));

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
}
