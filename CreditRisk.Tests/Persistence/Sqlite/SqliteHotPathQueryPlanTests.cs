using System.Text.RegularExpressions;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CreditRisk.Tests.Persistence.Sqlite;

/// <summary>
/// The risk pipeline's and the customer page's statements are served by their indexes, as SQLite plans them on the
/// real schema: results alone (the store contract) cannot show a full-table scan or an in-memory sort creeping in.
/// </summary>
public sealed partial class SqliteHotPathQueryPlanTests : IAsyncLifetime
{
    private readonly string _directory = TestDirectories.New();

    private string FilePath => Path.Combine(_directory, "store.sqlite");

    public async Task InitializeAsync()
    {
        await using var store = new SqliteCreditRiskStore(FilePath);
        await store.InitializeAsync();
    }

    public Task DisposeAsync()
    {
        TestDirectories.Delete(_directory);
        return Task.CompletedTask;
    }

    public static TheoryData<string, string, string> IndexedStatements => new()
    {
        { "pending customers", SqliteTransactionRepository.SelectPendingCustomers, "transactions_pending" },
        { "window", SqliteTransactionRepository.SelectWindow, "transactions_customer_time" },
        { "recent", SqliteTransactionRepository.SelectRecent, "transactions_customer_time" },
        { "filtered page", SqliteTransactionRepository.SelectFiltered, "transactions_customer_time" },
        { "filtered count", SqliteTransactionRepository.CountFiltered, "transactions_customer_time" },
        { "by ids", SqliteTransactionRepository.SelectByIds, "sqlite_autoindex_transactions_1 (id=?)" },
        { "applied ids", SqliteTransactionRepository.SelectApplied, "sqlite_autoindex_transactions_1 (id=?)" },
        { "mark applied", SqliteTransactionRepository.MarkApplied, "sqlite_autoindex_transactions_1 (id=?)" },
        { "statements", SqliteStatementRepository.SelectRecent, "statements_customer_day" },
    };

    [Theory]
    [MemberData(nameof(IndexedStatements))]
    public void Plan_HotStatement_SearchesItsIndexWithoutSorting(string name, string sql, string index)
    {
        var plan = Plan(sql);

        Assert.True(plan.Contains($"SEARCH transactions USING INDEX {index}", StringComparison.Ordinal)
            || plan.Contains($"SEARCH transactions USING COVERING INDEX {index}", StringComparison.Ordinal)
            || plan.Contains($"SEARCH statements USING INDEX {index}", StringComparison.Ordinal),
            $"{name}: {plan}");
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_StatementsOfManyCustomers_SearchesTheCustomerIndex()
    {
        var plan = Plan(SqliteStatementRepository.SelectRecentOfMany);

        Assert.Contains("SEARCH statements USING INDEX statements_customer_day (customer_id=?)", plan, StringComparison.Ordinal);
    }

    /// <summary>SQLite's plan for <paramref name="sql"/>, one step a line; every parameter bound to NULL (plans do not depend on values).</summary>
    private string Plan(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in ParameterName().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
        {
            command.Parameters.AddWithValue(name, DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return string.Join('\n', steps);
    }

    [GeneratedRegex(@"\$[a-z]+")]
    private static partial Regex ParameterName();
}
