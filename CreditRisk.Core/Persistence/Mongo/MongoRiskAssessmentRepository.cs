using CreditRisk.Core.Alerts;
using CreditRisk.Core.Risk;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

/// <summary>Assessment history in one collection, and each customer's current risk (keyed by customer id) in another.</summary>
internal sealed class MongoRiskAssessmentRepository(IMongoDatabase database) : IRiskAssessmentRepository
{
    public const string HistoryCollectionName = "riskAssessments";
    public const string CurrentCollectionName = "currentRisks";

    private readonly IMongoCollection<RiskAssessment> _history = database.GetCollection<RiskAssessment>(HistoryCollectionName);
    private readonly IMongoCollection<CustomerRisk> _current = database.GetCollection<CustomerRisk>(CurrentCollectionName);

    public async Task CreateIndexesAsync(CancellationToken ct)
    {
        await _history.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<RiskAssessment>(
                    Builders<RiskAssessment>.IndexKeys.Ascending(a => a.CustomerId).Descending(a => a.AssessedAt)),
                new CreateIndexModel<RiskAssessment>(Builders<RiskAssessment>.IndexKeys.Ascending(a => a.AssessedAt)),
            ],
            ct);
        await _current.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<CustomerRisk>(
                    Builders<CustomerRisk>.IndexKeys.Ascending(r => r.Band).Descending(r => r.Score)),
                new CreateIndexModel<CustomerRisk>(Builders<CustomerRisk>.IndexKeys.Descending(r => r.Score)),
                new CreateIndexModel<CustomerRisk>(Builders<CustomerRisk>.IndexKeys.Ascending(r => r.RuleIds)),
                new CreateIndexModel<CustomerRisk>(Builders<CustomerRisk>.IndexKeys.Descending(r => r.AssessedAt)),
                new CreateIndexModel<CustomerRisk>(Builders<CustomerRisk>.IndexKeys.Ascending(r => r.ModelVersion).Ascending(r => r.Score)),
            ],
            ct);
    }

    public async Task AddManyAsync(IReadOnlyCollection<RiskAssessment> assessments, CancellationToken ct = default)
    {
        if (assessments.Count == 0)
        {
            return;
        }

        // History first: if we crash in between, a re-run re-adds the same ids (replaced, not duplicated)
        // and then sets the current risk, so the two never disagree for long.
        var historyWrites = assessments
            .Select(a => new ReplaceOneModel<RiskAssessment>(Builders<RiskAssessment>.Filter.Eq(x => x.Id, a.Id), a) { IsUpsert = true })
            .ToList();
        await _history.BulkWriteAsync(historyWrites, new BulkWriteOptions { IsOrdered = true }, ct);

        // The last assessment of each customer becomes current, unless the stored row comes from a newer profile
        // (CustomerRiskProjection.MayReplace): another instance's reading of more data stays. One conditional replace
        // per row; rows that match nothing are either absent (inserted) or newer (left alone).
        var rows = assessments
            .GroupBy(a => a.CustomerId, StringComparer.Ordinal)
            .Select(g => CustomerRiskProjection.From(g.Last()))
            .ToList();
        var replaced = await _current.BulkWriteAsync(
            rows.Select(r => new ReplaceOneModel<CustomerRisk>(ReplaceableBy(r), r)), new BulkWriteOptions { IsOrdered = false }, ct);
        if (replaced.MatchedCount < rows.Count)
        {
            await InsertAbsentAsync(rows, ct);
        }
    }

    /// <summary>The stored current row of <paramref name="row"/>'s customer, if <paramref name="row"/> may replace it.</summary>
    private static FilterDefinition<CustomerRisk> ReplaceableBy(CustomerRisk row)
    {
        var f = Builders<CustomerRisk>.Filter;
        return f.Eq(r => r.CustomerId, row.CustomerId)
            & (f.Eq(r => r.ProfileVersion, null) | f.Lte(r => r.ProfileVersion, row.ProfileVersion ?? 0));
    }

    private async Task InsertAbsentAsync(List<CustomerRisk> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.CustomerId).ToList();
        var present = (await _current.Find(Builders<CustomerRisk>.Filter.In(r => r.CustomerId, ids))
            .Project(Builders<CustomerRisk>.Projection.Include(r => r.CustomerId)).ToListAsync(ct))
            .Select(d => d["_id"].AsString)
            .ToHashSet(StringComparer.Ordinal);
        var absent = rows.Where(r => !present.Contains(r.CustomerId)).ToList();
        if (absent.Count == 0)
        {
            return;
        }

        try
        {
            await _current.InsertManyAsync(absent, new InsertManyOptions { IsOrdered = false }, ct);
        }
        catch (MongoException ex) when (MongoErrors.IsDuplicateKey(ex))
        {
            // Another instance stored some of them meanwhile: settle each row alone.
            foreach (var row in absent)
            {
                await PutAsync(row, ct);
            }
        }
    }

    private async Task PutAsync(CustomerRisk row, CancellationToken ct)
    {
        if ((await _current.ReplaceOneAsync(ReplaceableBy(row), row, cancellationToken: ct)).MatchedCount == 1)
        {
            return;
        }

        try
        {
            await _current.InsertOneAsync(row, cancellationToken: ct);
        }
        catch (MongoException ex) when (MongoErrors.IsDuplicateKey(ex))
        {
            // Stored meanwhile: it is newer, or this row replaces it now.
            await _current.ReplaceOneAsync(ReplaceableBy(row), row, cancellationToken: ct);
        }
    }

    public async Task<RiskAssessment?> GetLatestAsync(string customerId, CancellationToken ct = default) =>
        await _history.Find(a => a.CustomerId == customerId)
            .SortByDescending(a => a.AssessedAt).ThenByDescending(a => a.Id)
            .FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<RiskAssessment>> ListHistoryAsync(string customerId, int take, CancellationToken ct = default) =>
        take <= 0 ? [] : await _history.Find(a => a.CustomerId == customerId)
            .SortByDescending(a => a.AssessedAt).ThenByDescending(a => a.Id)
            .Limit(take)
            .ToListAsync(ct);

    public async Task<IReadOnlyDictionary<string, RiskAssessment>> GetManyAsync(IReadOnlyCollection<string> assessmentIds, CancellationToken ct = default)
    {
        if (assessmentIds.Count == 0)
        {
            return new Dictionary<string, RiskAssessment>(StringComparer.Ordinal);
        }

        var found = await _history.Find(Builders<RiskAssessment>.Filter.In(a => a.Id, assessmentIds.Distinct())).ToListAsync(ct);
        return found.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, CustomerRisk>> GetCurrentManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default)
    {
        if (customerIds.Count == 0)
        {
            return new Dictionary<string, CustomerRisk>();
        }

        var found = await _current.Find(Builders<CustomerRisk>.Filter.In(r => r.CustomerId, customerIds.Distinct())).ToListAsync(ct);
        return found.ToDictionary(r => r.CustomerId, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<CustomerRisk>> QueryCurrentAsync(RiskBand? band, double minScore, int skip, int take, CancellationToken ct = default) =>
        take <= 0 ? [] : await _current.Find(CurrentFilter(band, minScore))
            .SortByDescending(r => r.Score).ThenBy(r => r.CustomerId)
            .Skip(Math.Max(0, skip))
            .Limit(take)
            .ToListAsync(ct);

    public Task<long> CountCurrentAsync(RiskBand? band, double minScore, CancellationToken ct = default) =>
        _current.CountDocumentsAsync(CurrentFilter(band, minScore), cancellationToken: ct);

    public async Task<IReadOnlyList<long>> CountCurrentScoresOfModelAsync(string modelVersion, IReadOnlyList<double> upperEdges, CancellationToken ct = default)
    {
        var ofModel = Builders<CustomerRisk>.Filter.Eq(r => r.ModelVersion, modelVersion);
        var total = await _current.CountDocumentsAsync(ofModel, cancellationToken: ct);
        var above = new List<long>(upperEdges.Count);
        foreach (var edge in upperEdges)
        {
            above.Add(await _current.CountDocumentsAsync(ofModel & Builders<CustomerRisk>.Filter.Gt(r => r.Score, edge), cancellationToken: ct));
        }

        return ScoreBinCounts.FromCountsAbove(total, above);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountCurrentByRuleAsync(IReadOnlyCollection<string> ruleIds, CancellationToken ct = default)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var id in ruleIds.Distinct(StringComparer.Ordinal))
        {
            // Equality on an array field matches any element, served by the multikey index.
            counts[id] = await _current.CountDocumentsAsync(Builders<CustomerRisk>.Filter.AnyEq(r => r.RuleIds, id), cancellationToken: ct);
        }

        return counts;
    }

    public async Task<IReadOnlyDictionary<RiskBand, long>> CountByBandAsync(CancellationToken ct = default)
    {
        // One indexed count per band rather than a $group, which behaves the same on every server we support.
        var counts = new Dictionary<RiskBand, long>();
        foreach (var band in Enum.GetValues<RiskBand>())
        {
            counts[band] = await _current.CountDocumentsAsync(Builders<CustomerRisk>.Filter.Eq(r => r.Band, band), cancellationToken: ct);
        }

        return counts;
    }

    public async Task<CurrentRiskPage> QueryCurrentPageAsync(CurrentRiskQuery query, CancellationToken ct = default)
    {
        var f = Builders<CustomerRisk>.Filter;
        var filter = f.Gte(r => r.Score, query.MinScore) & f.Lte(r => r.Score, query.MaxScore);
        if (query.Band is { } band)
        {
            filter &= f.Eq(r => r.Band, band);
        }

        if (query.RuleId is { } ruleId)
        {
            filter &= f.AnyEq(r => r.RuleIds, ruleId);
        }

        if (query.AlertStatus is { } status)
        {
            var alerts = database.GetCollection<Alert>(MongoAlertRepository.CollectionName);
            var customerIds = await (await alerts.DistinctAsync(a => a.CustomerId, Builders<Alert>.Filter.Eq(a => a.Status, status), cancellationToken: ct))
                .ToListAsync(ct);
            if (customerIds.Count == 0)
            {
                return new CurrentRiskPage([], 0);
            }

            filter &= f.In(r => r.CustomerId, customerIds);
        }

        var s = Builders<CustomerRisk>.Sort;
        var sort = query.Sort switch
        {
            CurrentRiskSort.ScoreAscending => s.Ascending(r => r.Score).Ascending(r => r.CustomerId),
            CurrentRiskSort.AssessedAtDescending => s.Descending(r => r.AssessedAt).Ascending(r => r.CustomerId),
            CurrentRiskSort.AssessedAtAscending => s.Ascending(r => r.AssessedAt).Ascending(r => r.CustomerId),
            CurrentRiskSort.CustomerIdAscending => s.Ascending(r => r.CustomerId),
            CurrentRiskSort.CustomerIdDescending => s.Descending(r => r.CustomerId),
            _ => s.Descending(r => r.Score).Ascending(r => r.CustomerId),
        };
        var items = await _current.Find(filter).Sort(sort)
            .Skip(Math.Max(0, query.Skip))
            .Limit(Math.Clamp(query.Take, 1, 500))
            .ToListAsync(ct);
        return new CurrentRiskPage(items, await _current.CountDocumentsAsync(filter, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<RiskBandChange>> ListBandChangesSinceAsync(DateTimeOffset since, int take, CancellationToken ct = default)
    {
        if (take <= 0)
        {
            return [];
        }

        // "Band differs from the previous band" as plain operators (no $expr): one clause per band.
        var f = Builders<RiskAssessment>.Filter;
        var changed = f.Or(Enum.GetValues<RiskBand>().Select(b => f.Eq(a => a.Band, b) & f.Ne(a => a.PreviousBand, b)));
        var rows = await _history.Find(f.Gte(a => a.AssessedAt, StoredTime.CeilingMillisecond(since)) & changed)
            .SortByDescending(a => a.AssessedAt).ThenByDescending(a => a.Id)
            .Limit(take)
            .Project(Builders<RiskAssessment>.Projection
                .Include(a => a.CustomerId).Include(a => a.AssessedAt).Include(a => a.PreviousBand).Include(a => a.Band))
            .ToListAsync(ct);
        return [.. rows.Select(r => new RiskBandChange(
            r["customerId"].AsString,
            new DateTimeOffset(r["assessedAt"].ToUniversalTime(), TimeSpan.Zero),
            r.TryGetValue("previousBand", out var from) && !from.IsBsonNull ? Enum.Parse<RiskBand>(from.AsString) : null,
            Enum.Parse<RiskBand>(r["band"].AsString)))];
    }

    private static FilterDefinition<CustomerRisk> CurrentFilter(RiskBand? band, double minScore)
    {
        var filter = Builders<CustomerRisk>.Filter.Gte(r => r.Score, minScore);
        return band is { } b ? Builders<CustomerRisk>.Filter.Eq(r => r.Band, b) & filter : filter;
    }
}
