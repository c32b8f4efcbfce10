using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using LiteDB;
using Microsoft.Data.Sqlite;

namespace CreditRisk.Tests.Persistence.Sqlite;

/// <summary>
/// The first SQLite version stored history, current-risk and transaction rows as the LiteDB mapper's BSON; files it
/// wrote must still read, and new writes over them must work, now that those rows are written compactly.
/// </summary>
public sealed class SqliteEarlierRowsTests : SqliteFileStoreTests
{
    private readonly BsonMapper _mapper = LiteDbMapper.Create();

    [Fact]
    public async Task Assessments_StoredAsBson_ReadBackAndAreReplacedByNewOnes()
    {
        var assessment = A.Assessment("ra-old", "c-old") with { Features = [], ProfileVersion = 3 };
        var current = CustomerRiskProjection.From(assessment);
        var history = _mapper.ToDocument(assessment);
        history.Remove(nameof(RiskAssessment.Features));
        Insert("INSERT INTO risk_assessments (id, customer_id, assessed_at, band, previous_band, doc) VALUES ('ra-old', 'c-old', 0, 2, 0, $doc)", history);
        Insert("INSERT INTO customer_risk (customer_id, band, score, assessed_at, profile_version, doc) VALUES ('c-old', 2, 0.87, 0, 3, $doc)", _mapper.ToDocument(current));

        JsonAssert.Equivalent(assessment, (await Store.Assessments.GetManyAsync(["ra-old"]))["ra-old"]);
        JsonAssert.Equivalent(current, (await Store.Assessments.GetCurrentManyAsync(["c-old"]))["c-old"]);
        JsonAssert.Equivalent(current, Assert.Single(await Store.Assessments.QueryCurrentAsync(null, 0, 0, 10)));

        var newer = A.Assessment("ra-new", "c-old", at: A.Now.AddDays(1)) with { ProfileVersion = 4 };
        await Store.Assessments.AddManyAsync([newer]);
        JsonAssert.Equivalent(newer, await Store.Assessments.GetLatestAsync("c-old"));
        Assert.Equal("ra-new", (await Store.Assessments.GetCurrentManyAsync(["c-old"]))["c-old"].AssessmentId);
    }

    [Fact]
    public async Task Transactions_StoredAsBson_ReadBackWithTheirAppliedColumn()
    {
        var old = A.Transaction("tx-old", "c-old");
        Insert($"INSERT INTO transactions (id, customer_id, ts_ms, type, received_ms, applied_ms, doc) VALUES ('tx-old', 'c-old', {old.Timestamp.ToUnixTimeMilliseconds()}, 'Purchase', 0, NULL, $doc)", _mapper.ToDocument(old));
        var fresh = A.Transaction("tx-new", "c-old", at: A.Now.AddMinutes(1));
        await Store.Transactions.InsertNewAsync([fresh]);
        await Store.Transactions.MarkAppliedAsync(["tx-old"], A.Now.AddHours(1));

        var read = await Store.Transactions.GetManyAsync(["tx-old", "tx-new"]);

        JsonAssert.Equivalent(old with { AppliedAt = A.Now.AddHours(1) }, read["tx-old"]);
        JsonAssert.Equivalent(fresh, read["tx-new"]);
    }

    [Fact]
    public async Task CurrentRisk_WrittenBeforeTheModelVersionColumn_GetsItFilledOnOpen()
    {
        await Store.Assessments.AddManyAsync(
        [
            A.Assessment("ra-1", "c1", probability: 0.2) with { ModelVersion = "v1" },
            A.Assessment("ra-2", "c2", probability: 0.7) with { ModelVersion = "v1" },
            A.Assessment("ra-3", "c3", probability: 0.7) with { ModelVersion = "v2" },
            A.Assessment("ra-4", "c4", probability: null),
        ]);
        Execute("""
            DROP INDEX customer_risk_band_score_model;
            ALTER TABLE customer_risk DROP COLUMN model_version;
            CREATE INDEX customer_risk_band_score ON customer_risk (band, score DESC, customer_id);
            """);

        await ReopenAsync();

        Assert.Equal([1L, 1L], await Store.Assessments.CountCurrentScoresOfModelAsync("v1", [0.5]));
        Assert.Equal([0L, 1L], await Store.Assessments.CountCurrentScoresOfModelAsync("v2", [0.5]));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'customer_risk_band_score_model'"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'customer_risk_band_score'"));
    }

    private void Insert(string sql, BsonDocument doc) => Run(sql, doc, command => command.ExecuteNonQuery());

    private void Execute(string sql) => Run(sql, null, command => command.ExecuteNonQuery());

    private object? Scalar(string sql) => Run(sql, null, command => command.ExecuteScalar());

    private T Run<T>(string sql, BsonDocument? doc, Func<SqliteCommand, T> run)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (doc is not null)
        {
            command.Parameters.AddWithValue("$doc", BsonSerializer.Serialize(doc));
        }

        return run(command);
    }
}
