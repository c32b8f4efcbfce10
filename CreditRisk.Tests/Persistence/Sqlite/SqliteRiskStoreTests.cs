using CreditRisk.Core.Alerts;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CreditRisk.Tests.Persistence.Sqlite;

/// <summary>
/// What the store contract cannot see of the SQLite risk tables: that the grid's and the band changes' statements are
/// served by indexes, and that rows written by one store instance read back in a new one (no in-memory state needed).
/// </summary>
public sealed class SqliteRiskStoreTests : SqliteFileStoreTests
{
    public static TheoryData<CurrentRiskSort, RiskBand?> SortsAndBands()
    {
        var data = new TheoryData<CurrentRiskSort, RiskBand?>();
        foreach (var sort in Enum.GetValues<CurrentRiskSort>())
        {
            data.Add(sort, null);
            data.Add(sort, RiskBand.High);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SortsAndBands))]
    public void GridPage_EverySortWithAndWithoutBand_ReadsAnIndexAndNeverSortsTheWholeTable(CurrentRiskSort sort, RiskBand? band)
    {
        var query = new CurrentRiskQuery { Sort = sort, Band = band, MinScore = 0.2, MaxScore = 0.9 };

        var plan = Plan(SqliteCurrentRiskQueries.PageSql(query), command =>
        {
            SqliteCurrentRiskQueries.Bind(command, query);
            command.Parameters.AddWithValue("$take", 25);
            command.Parameters.AddWithValue("$skip", 0);
        });

        Assert.Contains("customer_risk USING", plan);
        Assert.DoesNotContain("SCAN customer_risk\n", plan + "\n");

        // Ascending sorts may order runs of equal values by id ("RIGHT PART OF ORDER BY"), never the whole result.
        Assert.DoesNotContain("TEMP B-TREE FOR ORDER BY", plan);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(RiskBand.Medium)]
    public void GridCount_BandOrNot_CountsOnACoveringIndex(RiskBand? band)
    {
        var query = new CurrentRiskQuery { Band = band, MinScore = 0.2 };

        var plan = Plan(SqliteCurrentRiskQueries.CountSql(query), command => SqliteCurrentRiskQueries.Bind(command, query));

        Assert.Contains("COVERING INDEX customer_risk_band_score", plan);
    }

    [Fact]
    public void ModelScoreCount_CountsOnTheCoveringBandScoreIndex()
    {
        var plan = Plan(SqliteCurrentRiskQueries.ModelScoresAboveSql, command =>
        {
            command.Parameters.AddWithValue("$model", "v1");
            command.Parameters.AddWithValue("$edge", 0.1);
        });

        Assert.Contains("COVERING INDEX customer_risk_band_score_model", plan);
    }

    [Fact]
    public void GridPage_RuleAndAlertFilters_ReadTheRuleKeyAndTheStatusIndex()
    {
        var query = new CurrentRiskQuery { RuleId = "cash-withdrawal-high", AlertStatus = AlertStatus.Pending };

        var plan = Plan(SqliteCurrentRiskQueries.PageSql(query), command =>
        {
            SqliteCurrentRiskQueries.Bind(command, query);
            command.Parameters.AddWithValue("$take", 25);
            command.Parameters.AddWithValue("$skip", 0);
        });

        Assert.Contains("SEARCH customer_risk_rules USING PRIMARY KEY (rule_id=?)", plan);
        Assert.Contains("SEARCH alerts USING COVERING INDEX alerts_status_time (status=?)", plan);
    }

    [Fact]
    public void BandChanges_Statement_ReadsThePartialIndexOfBandChangesOnly()
    {
        var plan = Plan(SqliteRiskAssessmentRepository.BandChangesSql, command =>
        {
            command.Parameters.AddWithValue("$since", 0L);
            command.Parameters.AddWithValue("$take", 10);
        });

        Assert.Contains("USING COVERING INDEX risk_assessments_band_change_rows", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);
    }

    [Fact]
    public async Task Reopen_AfterAssessmentsAndRuleChanges_ReadsHistoryFeaturesCurrentRowsAndRuleCountsFromTheFile()
    {
        var first = A.Assessment("ra-1", "c1", at: A.Now.AddDays(-1));
        var second = A.Assessment("ra-2", "c1") with
        {
            RuleHits = [new RuleHit("cash-withdrawal-high", RiskBand.High, "Cash withdrawals are 55% of spend")],
        };
        await Store.Assessments.AddManyAsync([first]);
        await Store.Assessments.AddManyAsync([second]);
        await ReopenAsync();

        JsonAssert.Equivalent(second, await Store.Assessments.GetLatestAsync("c1"));
        JsonAssert.Equivalent(first, (await Store.Assessments.GetManyAsync(["ra-1"]))["ra-1"]);
        Assert.Equal(["cash-withdrawal-high"], (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].RuleIds);
        var counts = await Store.Assessments.CountCurrentByRuleAsync(["utilisation-over-90", "cash-withdrawal-high"]);
        Assert.Equal((0, 1), (counts["utilisation-over-90"], counts["cash-withdrawal-high"]));
    }

    [Fact]
    public async Task Reopen_FileWithTheEarlierIndexes_DropsThemAndStillReadsBandChanges()
    {
        // Files written before 2026-12-05 carry a score index that every assessment had to move (nothing reads it now)
        // and a band-change index without the columns the portfolio reads.
        await Store.Assessments.AddManyAsync([A.Assessment("ra-1", "c1", A.Now.AddDays(-1), RiskBand.High) with { PreviousBand = RiskBand.Low }]);
        Execute("CREATE INDEX customer_risk_score ON customer_risk (score DESC, customer_id)");
        Execute("DROP INDEX risk_assessments_band_change_rows");
        Execute("CREATE INDEX risk_assessments_band_changes ON risk_assessments (assessed_at, id) WHERE band IS NOT previous_band");
        Assert.Equal(2L, Execute("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('customer_risk_score', 'risk_assessments_band_changes')"));

        await ReopenAsync();

        Assert.Equal(0L, Execute("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('customer_risk_score', 'risk_assessments_band_changes')"));
        var change = Assert.Single(await Store.Assessments.ListBandChangesSinceAsync(A.Now.AddDays(-2), 10));
        Assert.Equal(("c1", RiskBand.Low, RiskBand.High), (change.CustomerId, change.From, change.To));
    }

    private object? Execute(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>SQLite's plan for <paramref name="sql"/>, one step a line, read on a connection of its own.</summary>
    private string Plan(string sql, Action<SqliteCommand> bind)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        bind(command);
        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return string.Join('\n', steps);
    }
}
