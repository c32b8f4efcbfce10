using CreditRisk.Core.Alerts;
using CreditRisk.Core.Risk;
using Microsoft.Data.Sqlite;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// The grid's and the counts' queries over the current-risk rows (<see cref="SqliteRiskAssessmentRepository"/> writes
/// them): filters by band, score, rule and alert status, each sort served by an index in its main direction.
/// </summary>
/// <remarks>
/// Ties are broken by customer id ascending, as the MongoDB adapter does. The descending sorts (score, the default, and
/// newest first) read their index in order and stop at the page; the ascending ones read it backwards and order each
/// run of equal values by id, which costs a sort when many rows share a value (a rules-only portfolio, or a nightly
/// re-score that gives every customer one assessment time).
/// </remarks>
internal sealed class SqliteCurrentRiskQueries(SqliteDatabase db, SqliteRiskRows rows)
{
    /// <summary>
    /// The current-risk table and its rule ids, in a child table keyed rule first, so a rule filter or count is a
    /// range of that key (and a row's rules are found by their full key when it changes).
    /// </summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS customer_risk (
            customer_id TEXT NOT NULL PRIMARY KEY, band INTEGER NOT NULL, score REAL NOT NULL, assessed_at INTEGER NOT NULL,
            profile_version INTEGER, doc BLOB NOT NULL, model_version TEXT);
        DROP INDEX IF EXISTS customer_risk_score;
        CREATE INDEX IF NOT EXISTS customer_risk_assessed_at ON customer_risk (assessed_at DESC, customer_id);
        CREATE TABLE IF NOT EXISTS customer_risk_rules (
            rule_id TEXT NOT NULL, customer_id TEXT NOT NULL, PRIMARY KEY (rule_id, customer_id)) WITHOUT ROWID;
        """;

    public List<CustomerRisk> QueryCurrent(RiskBand? band, double minScore, int skip, int take) => take <= 0
        ? []
        : db.Read(session => Items(session, Unbounded(band, minScore) with { Skip = Math.Max(0, skip) }, take));

    public long CountCurrent(RiskBand? band, double minScore) => db.Read(session => Count(session, Unbounded(band, minScore)));

    public IReadOnlyList<long> CountScoresOfModel(string modelVersion, IReadOnlyList<double> upperEdges) => db.Read(session =>
    {
        long Above(double edge) => (long)session.Scalar(ModelScoresAboveSql, ("$model", modelVersion), ("$edge", edge))!;
        return ScoreBinCounts.FromCountsAbove(Above(double.MinValue), [.. upperEdges.Select(Above)]);
    });

    /// <summary>
    /// Scores of one model above an edge, read from the band+score index alone: it carries the model version last, so
    /// the count needs no table row and no index of its own that every new score would have to move.
    /// </summary>
    internal static readonly string ModelScoresAboveSql =
        $"SELECT COUNT(*) FROM customer_risk WHERE band IN ({string.Join(", ", Enum.GetValues<RiskBand>().Select(b => (int)b))}) "
        + "AND score > $edge AND model_version = $model";

    /// <summary>
    /// Gives a store written before the model version had a column of its own that column, filled from each row's
    /// document (once, in pages), and the band+score index that carries it (replacing the one without).
    /// </summary>
    public void AddModelVersionColumn(SqliteSession session)
    {
        if ((long)session.Scalar("SELECT COUNT(*) FROM pragma_table_info('customer_risk') WHERE name = 'model_version'")! == 0)
        {
            session.Execute("ALTER TABLE customer_risk ADD COLUMN model_version TEXT");
            const int Page = 5_000;
            var after = "";
            while (true)
            {
                var command = session.Command("SELECT customer_id, doc FROM customer_risk WHERE customer_id > $after ORDER BY customer_id LIMIT $take");
                command.Parameters.AddWithValue("$after", after);
                command.Parameters.AddWithValue("$take", Page);
                var page = Rows(command, r => (Id: r.GetString(0), rows.DecodeCurrent((byte[])r.GetValue(1)).ModelVersion));
                foreach (var (id, version) in page.Where(row => row.ModelVersion is not null))
                {
                    session.Execute("UPDATE customer_risk SET model_version = $model WHERE customer_id = $id", ("$model", version), ("$id", id));
                }

                if (page.Count < Page)
                {
                    break;
                }

                after = page[^1].Id;
            }
        }

        session.Execute("DROP INDEX IF EXISTS customer_risk_band_score");
        session.Execute("CREATE INDEX IF NOT EXISTS customer_risk_band_score_model ON customer_risk (band, score DESC, customer_id, model_version)");
    }

    public IReadOnlyDictionary<RiskBand, long> CountByBand() => db.Read(session =>
    {
        // One pass over the band+score index.
        var counts = Enum.GetValues<RiskBand>().ToDictionary(b => b, _ => 0L);
        foreach (var (band, count) in Rows(
            session.Command("SELECT band, COUNT(*) FROM customer_risk GROUP BY band"), r => ((RiskBand)r.GetInt32(0), r.GetInt64(1))))
        {
            counts[band] = count;
        }

        return counts;
    });

    public IReadOnlyDictionary<string, long> CountCurrentByRule(IReadOnlyCollection<string> ruleIds) => db.Read(session => ruleIds
        .Distinct(StringComparer.Ordinal)
        .ToDictionary(
            id => id,
            id => (long)session.Scalar("SELECT COUNT(*) FROM customer_risk_rules WHERE rule_id = $rule", ("$rule", id))!,
            StringComparer.Ordinal));

    public CurrentRiskPage QueryCurrentPage(CurrentRiskQuery query)
    {
        var bounded = query with { Skip = Math.Max(0, query.Skip) };
        return db.Read(session => new CurrentRiskPage(Items(session, bounded, Math.Clamp(query.Take, 1, 500)), Count(session, bounded)));
    }

    /// <summary>
    /// The statement for a page of <paramref name="query"/>: one text per shape (which filters are given, which sort),
    /// so each is compiled once. Parameters: see <see cref="Bind"/>, plus <c>$take</c> and <c>$skip</c>.
    /// </summary>
    internal static string PageSql(CurrentRiskQuery query)
    {
        var order = query.Sort switch
        {
            CurrentRiskSort.ScoreAscending => "score, customer_id",
            CurrentRiskSort.AssessedAtDescending => "assessed_at DESC, customer_id",
            CurrentRiskSort.AssessedAtAscending => "assessed_at, customer_id",
            CurrentRiskSort.CustomerIdAscending => "customer_id",
            CurrentRiskSort.CustomerIdDescending => "customer_id DESC",
            _ => "score DESC, customer_id",
        };
        var byScore = order.StartsWith("score", StringComparison.Ordinal);
        if (byScore && query.Band is null)
        {
            // Every band's rows come in score order from the band+score index; SQLite merges the runs (MERGE (UNION
            // ALL)) and stops at the page, as one score index would, without an index every assessment has to move.
            var arms = Enum.GetValues<RiskBand>().Select(b => $"SELECT doc, score, customer_id FROM customer_risk {Where(query, byScore, (int)b)}");
            var direction = query.Sort == CurrentRiskSort.ScoreAscending ? "" : " DESC";
            return $"{string.Join(" UNION ALL ", arms)} ORDER BY 2{direction}, 3 LIMIT $take OFFSET $skip";
        }

        return $"SELECT doc FROM customer_risk {Where(query, byScore)} ORDER BY {order} LIMIT $take OFFSET $skip";
    }

    /// <summary>How many rows match <paramref name="query"/>: read from the band+score index, one range a band (or an id list).</summary>
    internal static string CountSql(CurrentRiskQuery query) => $"SELECT COUNT(*) FROM customer_risk {Where(query, byScore: true)}";

    /// <summary>Binds the filters that <paramref name="query"/> gives.</summary>
    internal static void Bind(SqliteCommand command, CurrentRiskQuery query)
    {
        if (query.Band is { } band)
        {
            command.Parameters.AddWithValue("$band", (int)band);
        }

        command.Parameters.AddWithValue("$min", query.MinScore);
        command.Parameters.AddWithValue("$max", query.MaxScore);
        if (query.RuleId is { } rule)
        {
            command.Parameters.AddWithValue("$rule", rule);
        }

        if (query.AlertStatus is { } status)
        {
            command.Parameters.AddWithValue("$status", (int)status);
        }
    }

    /// <summary>
    /// With <paramref name="byScore"/> false (a page sorted by time or id), band and score are marked with a unary
    /// <c>+</c>, which keeps SQLite from choosing their index: with no statistics it takes a score range for a narrow
    /// one and would sort the whole range for a page, where walking the sort's own index stops at the page. With
    /// <paramref name="byScore"/> true and no band, every band is named so the score range is read from the band+score
    /// index (there is no score index of its own). Rule and alert filters still drive the query (as an id list) when given.
    /// </summary>
    /// <param name="query">The filters.</param>
    /// <param name="byScore">Whether the statement reads in score order (or counts).</param>
    /// <param name="band">The band number written into the statement (one arm of a merged page), instead of the query's.</param>
    private static string Where(CurrentRiskQuery query, bool byScore, int? band = null)
    {
        var indexed = byScore ? "" : "+";
        var bandFilter = band is { } literal ? $"band = {literal} AND "
            : query.Band is not null ? indexed + "band = $band AND "
            : byScore ? $"band IN ({string.Join(", ", Enum.GetValues<RiskBand>().Select(b => (int)b))}) AND "
            : "";
        return "WHERE " + bandFilter + indexed + "score BETWEEN $min AND $max"
            + (query.RuleId is null ? "" : " AND customer_id IN (SELECT customer_id FROM customer_risk_rules WHERE rule_id = $rule)")
            + (query.AlertStatus is null ? "" : " AND customer_id IN (SELECT customer_id FROM alerts WHERE status = $status)");
    }

    /// <summary>The older queries' filter: a band and a lowest score, highest score first.</summary>
    private static CurrentRiskQuery Unbounded(RiskBand? band, double minScore) => new() { Band = band, MinScore = minScore, MaxScore = double.MaxValue };

    private List<CustomerRisk> Items(SqliteSession session, CurrentRiskQuery query, int take)
    {
        var command = session.Command(PageSql(query));
        Bind(command, query);
        command.Parameters.AddWithValue("$take", take);
        command.Parameters.AddWithValue("$skip", query.Skip);
        return Rows(command, r => rows.DecodeCurrent((byte[])r[0]));
    }

    private static long Count(SqliteSession session, CurrentRiskQuery query)
    {
        var command = session.Command(CountSql(query));
        Bind(command, query);
        return (long)command.ExecuteScalar()!;
    }
}
