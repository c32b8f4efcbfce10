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
internal sealed class SqliteCurrentRiskQueries(SqliteDatabase db)
{
    /// <summary>
    /// The current-risk table and its rule ids, in a child table keyed rule first, so a rule filter or count is a
    /// range of that key (and a row's rules are found by their full key when it changes).
    /// </summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS customer_risk (
            customer_id TEXT NOT NULL PRIMARY KEY, band INTEGER NOT NULL, score REAL NOT NULL, assessed_at INTEGER NOT NULL,
            profile_version INTEGER, doc BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS customer_risk_band_score ON customer_risk (band, score DESC, customer_id);
        CREATE INDEX IF NOT EXISTS customer_risk_score ON customer_risk (score DESC, customer_id);
        CREATE INDEX IF NOT EXISTS customer_risk_assessed_at ON customer_risk (assessed_at DESC, customer_id);
        CREATE TABLE IF NOT EXISTS customer_risk_rules (
            rule_id TEXT NOT NULL, customer_id TEXT NOT NULL, PRIMARY KEY (rule_id, customer_id)) WITHOUT ROWID;
        """;

    /// <summary>The filters of a query; which of them are given picks the statement text (one per shape, compiled once).</summary>
    private sealed record Filter(RiskBand? Band, double MinScore, double MaxScore, string? RuleId, AlertStatus? AlertStatus)
    {
        public string Where =>
            "WHERE " + (Band is null ? "" : "band = $band AND ") + "score BETWEEN $min AND $max"
            + (RuleId is null ? "" : " AND customer_id IN (SELECT customer_id FROM customer_risk_rules WHERE rule_id = $rule)")
            + (AlertStatus is null ? "" : " AND customer_id IN (SELECT customer_id FROM alerts WHERE status = $status)");

        public void Bind(SqliteCommand command)
        {
            if (Band is { } band)
            {
                command.Parameters.AddWithValue("$band", (int)band);
            }

            command.Parameters.AddWithValue("$min", MinScore);
            command.Parameters.AddWithValue("$max", MaxScore);
            if (RuleId is { } rule)
            {
                command.Parameters.AddWithValue("$rule", rule);
            }

            if (AlertStatus is { } status)
            {
                command.Parameters.AddWithValue("$status", (int)status);
            }
        }
    }

    public List<CustomerRisk> QueryCurrent(RiskBand? band, double minScore, int skip, int take) => db.Read(session =>
        Items(session, new Filter(band, minScore, double.MaxValue, null, null), CurrentRiskSort.ScoreDescending, Math.Max(0, skip), take));

    public long CountCurrent(RiskBand? band, double minScore) =>
        db.Read(session => Count(session, new Filter(band, minScore, double.MaxValue, null, null)));

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
        var filter = new Filter(query.Band, query.MinScore, query.MaxScore, query.RuleId, query.AlertStatus);
        return db.Read(session => new CurrentRiskPage(
            Items(session, filter, query.Sort, Math.Max(0, query.Skip), Math.Clamp(query.Take, 1, 500)), Count(session, filter)));
    }

    private List<CustomerRisk> Items(SqliteSession session, Filter filter, CurrentRiskSort sort, int skip, int take)
    {
        var order = sort switch
        {
            CurrentRiskSort.ScoreAscending => "score, customer_id",
            CurrentRiskSort.AssessedAtDescending => "assessed_at DESC, customer_id",
            CurrentRiskSort.AssessedAtAscending => "assessed_at, customer_id",
            CurrentRiskSort.CustomerIdAscending => "customer_id",
            CurrentRiskSort.CustomerIdDescending => "customer_id DESC",
            _ => "score DESC, customer_id",
        };
        var command = session.Command($"SELECT doc FROM customer_risk {filter.Where} ORDER BY {order} LIMIT $take OFFSET $skip");
        filter.Bind(command);
        command.Parameters.AddWithValue("$take", take);
        command.Parameters.AddWithValue("$skip", skip);
        return db.Documents<CustomerRisk>(command);
    }

    private static long Count(SqliteSession session, Filter filter)
    {
        var command = session.Command($"SELECT COUNT(*) FROM customer_risk {filter.Where}");
        filter.Bind(command);
        return (long)command.ExecuteScalar()!;
    }
}
