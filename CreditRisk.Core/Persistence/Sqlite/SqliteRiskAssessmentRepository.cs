using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Risk;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// Assessment history (by customer then time) plus one current-risk row per customer, with the rule ids of that row
/// in a child table, for grids and counts (<see cref="SqliteCurrentRiskQueries"/>).
/// </summary>
/// <remarks>
/// Every ingested transaction and every nightly re-score writes one history row and one current-risk row, so the
/// history carries only the indexes its reads need (id, customer+time, and a partial one holding band changes only),
/// and a write never reads back what it wrote.
/// </remarks>
internal sealed class SqliteRiskAssessmentRepository : IRiskAssessmentRepository
{
    /// <summary>
    /// Band columns as the enum's number. <c>band IS NOT previous_band</c> is true for a first assessment too (null
    /// previous band), so the partial index holds exactly the rows <see cref="ListBandChangesSinceAsync"/> reads, and
    /// with every column it reads: the portfolio snapshot reads the window's band changes (100,000 and more) without
    /// visiting the history rows, which are mostly documents (about a third of the time; files made before
    /// 2026-12-05 swap their narrower index for it when opened).
    /// </summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS risk_assessments (
            id TEXT NOT NULL PRIMARY KEY, customer_id TEXT NOT NULL, assessed_at INTEGER NOT NULL,
            band INTEGER NOT NULL, previous_band INTEGER, doc BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS risk_assessments_customer_time ON risk_assessments (customer_id, assessed_at, id);
        DROP INDEX IF EXISTS risk_assessments_band_changes;
        CREATE INDEX IF NOT EXISTS risk_assessments_band_change_rows ON risk_assessments (assessed_at, id, customer_id, previous_band, band)
            WHERE band IS NOT previous_band;
        """ + SqliteCurrentRiskQueries.Schema;

    /// <summary>
    /// Current-risk rows kept in memory as their stored bytes (about 250 each; decoded objects were four times that,
    /// most of the process's live heap at 100,000 customers): the pipeline reads them for every batch, and decoding a
    /// cached row costs about a microsecond.
    /// </summary>
    private const int CurrentCacheCapacity = 500_000;

    // Upserts: a replayed assessment (a caller's retry) replaces its row, with no read first and no rollback.
    private const string UpsertHistory = """
        INSERT INTO risk_assessments (id, customer_id, assessed_at, band, previous_band, doc)
        VALUES ($id, $customer, $at, $band, $previous, $doc)
        ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, assessed_at = excluded.assessed_at,
            band = excluded.band, previous_band = excluded.previous_band, doc = excluded.doc
        """;

    private const string UpsertCurrent = """
        INSERT INTO customer_risk (customer_id, band, score, assessed_at, profile_version, doc, model_version)
        VALUES ($id, $band, $score, $at, $version, $doc, $model)
        ON CONFLICT (customer_id) DO UPDATE SET band = excluded.band, score = excluded.score,
            assessed_at = excluded.assessed_at, profile_version = excluded.profile_version, doc = excluded.doc,
            model_version = excluded.model_version
        """;

    private const string AddRule = "INSERT INTO customer_risk_rules (rule_id, customer_id) VALUES ($rule, $id) ON CONFLICT DO NOTHING";
    private const string RemoveRule = "DELETE FROM customer_risk_rules WHERE rule_id = $rule AND customer_id = $id";

    /// <summary>The WHERE repeats the partial index's condition, which is what lets SQLite use that index.</summary>
    internal const string BandChangesSql = """
        SELECT customer_id, assessed_at, previous_band, band FROM risk_assessments
        WHERE band IS NOT previous_band AND assessed_at >= $since ORDER BY assessed_at DESC, id DESC LIMIT $take
        """;

    private readonly SqliteDatabase _db;
    private readonly ReadThroughCache<byte[]> _currentCache = new(CurrentCacheCapacity);
    private readonly SqliteFeatureVectors _vectors;
    private readonly SqliteRiskRows _rows;
    private readonly SqliteCurrentRiskQueries _queries;

    public SqliteRiskAssessmentRepository(SqliteDatabase db)
    {
        _db = db;
        _vectors = new SqliteFeatureVectors(db);
        _rows = new SqliteRiskRows(db, _vectors);
        _queries = new SqliteCurrentRiskQueries(db, _rows);
    }

    public Task AddManyAsync(IReadOnlyCollection<RiskAssessment> assessments, CancellationToken ct = default) => Run(() =>
    {
        if (assessments.Count > 0)
        {
            var write = PrepareWrite(assessments);

            // The cache is set before the gate is let go: set after, a newer row could be cached before an older one,
            // and the newer-profile check (which reads the cache) would then let a retried older reading replace it.
            lock (_db.WriteGate)
            {
                _db.Write(write)();
            }
        }
    }, ct);

    /// <summary>
    /// Encodes <paramref name="assessments"/> (outside the write gate, so another batch can encode while one writes) and
    /// returns their write, to run inside the caller's <see cref="SqliteDatabase.Write{T}"/>; the write returns what to
    /// run once it has committed (the cache of current rows), before the caller lets go of the write gate.
    /// </summary>
    internal Func<SqliteSession, Action> PrepareWrite(IReadOnlyCollection<RiskAssessment> assessments)
    {
        var history = assessments.Select(ToHistoryRow).ToList();

        // In input order the last assessment of a customer is the one left current, unless the stored row comes from a
        // newer profile (CustomerRiskProjection.MayReplace).
        var candidates = assessments
            .GroupBy(a => a.CustomerId, StringComparer.Ordinal)
            .Select(g => CustomerRiskProjection.From(g.Last()))
            .Select(r => (Risk: r, Doc: SqliteRiskRows.EncodeCurrent(r)))
            .ToList();

        return session =>
        {
            var setsStored = _vectors.StoreInTransaction(session, history.Select(h => h.SetId));
            foreach (var row in history)
            {
                var a = row.Assessment;
                session.Execute(
                    UpsertHistory,
                    ("$id", a.Id), ("$customer", a.CustomerId), ("$at", Millis(a.AssessedAt)), ("$band", (int)a.Band),
                    ("$previous", a.PreviousBand is { } p ? (int)p : null), ("$doc", row.Doc));
            }

            // Check and write in one transaction under the write gate: no other write can come between.
            var stored = ReadCurrent([.. candidates.Select(c => c.Risk.CustomerId)]);
            var written = new List<(string CustomerId, byte[] Doc)>(candidates.Count);
            foreach (var (risk, doc) in candidates)
            {
                var before = stored.GetValueOrDefault(risk.CustomerId);
                if (!CustomerRiskProjection.MayReplace(before, risk))
                {
                    continue;
                }

                session.Execute(
                    UpsertCurrent,
                    ("$id", risk.CustomerId), ("$band", (int)risk.Band), ("$score", risk.Score), ("$at", Millis(risk.AssessedAt)),
                    ("$version", risk.ProfileVersion), ("$doc", doc), ("$model", risk.ModelVersion));
                WriteRuleChanges(session, risk.CustomerId, before?.RuleIds ?? [], risk.RuleIds);
                written.Add((risk.CustomerId, doc));
            }

            return () =>
            {
                setsStored();

                foreach (var (customerId, doc) in written)
                {
                    _currentCache.Set(customerId, doc);
                }
            };
        };
    }

    /// <summary>
    /// Makes each row its customer's current risk as it is, without the profile-version check: the migration from LiteDB
    /// copies current rows rather than re-deriving them from the history.
    /// </summary>
    internal Task ImportCurrentAsync(IReadOnlyCollection<CustomerRisk> rows, CancellationToken ct) => Run(() =>
    {
        var encoded = rows.Select(r => (Risk: r, Doc: SqliteRiskRows.EncodeCurrent(r))).ToList();

        // Cached under the gate, as AddManyAsync does.
        using var gate = _db.WriteGate.EnterScope();
        _db.Write(session =>
        {
            var stored = ReadCurrent([.. encoded.Select(e => e.Risk.CustomerId)]);
            foreach (var (risk, doc) in encoded)
            {
                session.Execute(
                    UpsertCurrent,
                    ("$id", risk.CustomerId), ("$band", (int)risk.Band), ("$score", risk.Score), ("$at", Millis(risk.AssessedAt)),
                    ("$version", risk.ProfileVersion), ("$doc", doc), ("$model", risk.ModelVersion));
                WriteRuleChanges(session, risk.CustomerId, stored.GetValueOrDefault(risk.CustomerId)?.RuleIds ?? [], risk.RuleIds);
            }
        });

        foreach (var (risk, doc) in encoded)
        {
            _currentCache.Set(risk.CustomerId, doc);
        }
    }, ct);

    /// <summary>
    /// Only the rule ids that changed: the stored row (exact, see <see cref="ReadThroughCache{T}"/>) says which are in
    /// the child table, and a re-score mostly flags the same rules again.
    /// </summary>
    private static void WriteRuleChanges(SqliteSession session, string customerId, List<string> before, List<string> after)
    {
        foreach (var rule in before.Except(after, StringComparer.Ordinal))
        {
            session.Execute(RemoveRule, ("$rule", rule), ("$id", customerId));
        }

        foreach (var rule in after.Except(before, StringComparer.Ordinal))
        {
            session.Execute(AddRule, ("$rule", rule), ("$id", customerId));
        }
    }

    public Task<RiskAssessment?> GetLatestAsync(string customerId, CancellationToken ct = default) =>
        Run(() => History(customerId, 1).FirstOrDefault(), ct);

    public Task<IReadOnlyList<RiskAssessment>> ListHistoryAsync(string customerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<RiskAssessment>>(() => take <= 0 ? [] : History(customerId, take), ct);

    public Task<IReadOnlyDictionary<string, RiskAssessment>> GetManyAsync(IReadOnlyCollection<string> assessmentIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, RiskAssessment>>(() => assessmentIds.Count == 0
            ? new Dictionary<string, RiskAssessment>(StringComparer.Ordinal)
            : _db.Read(session =>
            {
                var command = session.Command("SELECT doc FROM risk_assessments WHERE id IN (SELECT value FROM json_each($ids))");
                command.Parameters.AddWithValue("$ids", JsonArray(assessmentIds.Distinct(StringComparer.Ordinal)));
                return Rows(command, r => _rows.DecodeHistory((byte[])r[0])).ToDictionary(a => a.Id, StringComparer.Ordinal);
            }), ct);

    public Task<IReadOnlyDictionary<string, CustomerRisk>> GetCurrentManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, CustomerRisk>>(() =>
        {
            // Each call decodes its own objects from the cached bytes, so callers may change them.
            return ReadCurrent(customerIds);
        }, ct);

    public Task<IReadOnlyList<CustomerRisk>> QueryCurrentAsync(RiskBand? band, double minScore, int skip, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<CustomerRisk>>(() => _queries.QueryCurrent(band, minScore, skip, take), ct);

    public Task<long> CountCurrentAsync(RiskBand? band, double minScore, CancellationToken ct = default) =>
        Run(() => _queries.CountCurrent(band, minScore), ct);

    public Task<IReadOnlyList<long>> CountCurrentScoresOfModelAsync(string modelVersion, IReadOnlyList<double> upperEdges, CancellationToken ct = default) =>
        Run(() => _queries.CountScoresOfModel(modelVersion, upperEdges), ct);

    public Task<IReadOnlyDictionary<RiskBand, long>> CountByBandAsync(CancellationToken ct = default) =>
        Run(_queries.CountByBand, ct);

    /// <summary>Brings the current-risk table of a store written by an earlier version up to date (<see cref="SqliteCreditRiskStore"/> runs it on open).</summary>
    internal void Migrate(SqliteSession session) => _queries.AddModelVersionColumn(session);

    public Task<IReadOnlyDictionary<string, long>> CountCurrentByRuleAsync(IReadOnlyCollection<string> ruleIds, CancellationToken ct = default) =>
        Run(() => _queries.CountCurrentByRule(ruleIds), ct);

    public Task<CurrentRiskPage> QueryCurrentPageAsync(CurrentRiskQuery query, CancellationToken ct = default) =>
        Run(() => _queries.QueryCurrentPage(query), ct);

    public Task<IReadOnlyList<RiskBandChange>> ListBandChangesSinceAsync(DateTimeOffset since, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<RiskBandChange>>(() => take <= 0 ? [] : _db.Read(session =>
        {
            var command = session.Command(BandChangesSql);
            command.Parameters.AddWithValue("$since", Millis(StoredTime.CeilingMillisecond(since)));
            command.Parameters.AddWithValue("$take", take);
            return Rows(command, r => new RiskBandChange(
                r.GetString(0),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
                r.IsDBNull(2) ? null : (RiskBand)r.GetInt32(2),
                (RiskBand)r.GetInt32(3)));
        }), ct);

    private List<RiskAssessment> History(string customerId, int take) => _db.Read(session =>
    {
        var command = session.Command("""
            SELECT doc FROM risk_assessments WHERE customer_id = $customer ORDER BY assessed_at DESC, id DESC LIMIT $take
            """);
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$take", take);
        return Rows(command, r => _rows.DecodeHistory((byte[])r[0]));
    });

    private Dictionary<string, CustomerRisk> ReadCurrent(IReadOnlyCollection<string> customerIds) => _currentCache.GetMany(
        customerIds, missing => _db.Read(session =>
        {
            var command = session.Command("SELECT customer_id, doc FROM customer_risk WHERE customer_id IN (SELECT value FROM json_each($ids))");
            command.Parameters.AddWithValue("$ids", JsonArray(missing));
            return Rows(command, r => (Id: r.GetString(0), Doc: (byte[])r[1])).ToDictionary(e => e.Id, e => e.Doc, StringComparer.Ordinal);
        }))
        .ToDictionary(e => e.Key, e => _rows.DecodeCurrent(e.Value), StringComparer.Ordinal);

    private (RiskAssessment Assessment, string SetId, byte[] Doc) ToHistoryRow(RiskAssessment assessment)
    {
        var (setId, doc) = _rows.EncodeHistory(assessment);
        return (assessment, setId, doc);
    }
}
