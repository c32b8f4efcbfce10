using System.CommandLine;
using CreditRisk.Cli;
using CreditRisk.Cli.Commands;
using CreditRisk.Core.Persistence.Sqlite;
using Microsoft.Extensions.Configuration;
using static CreditRisk.Tests.Ingestion.Csv.CsvSamples;

namespace CreditRisk.Tests.Cli;

/// <summary>The command end to end: its own host on a temporary LiteDB file, as the real CLI builds it.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("creditrisk-cli-").FullName;

    private string DatabasePath => Path.Combine(_directory, "store.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(ImportCommand.Create(
            () => CliHost.Build(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:SqlitePath"] = DatabasePath })),
            interactive: false));
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(["import", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private async Task<(long, long, long)> CountsAsync()
    {
        await using var store = new SqliteCreditRiskStore(DatabasePath);
        return (await store.Customers.CountAsync(), await store.Statements.CountAsync(), await store.Transactions.CountAsync());
    }

    private string GoodCustomers() => WriteFile("customers.csv", Customers(3));

    private string GoodStatements() => WriteFile("statements.csv", File(StatementsHeader, Statement("c1"), Statement("c2")));

    [Fact]
    public async Task Invoke_TransactionSentAgainWithAnotherAmount_ExitsZeroAndWarnsThatTheStoredOneIsKept()
    {
        await RunAsync("--customers", GoodCustomers(), "--transactions", WriteFile("first.csv", File(TransactionsHeader, Transaction("t1", amount: "100.00"))));
        var corrected = WriteFile("corrected.csv", File(TransactionsHeader, Transaction("t1", amount: "250.00")));

        var (exitCode, output, error) = await RunAsync("--transactions", corrected);

        Assert.Equal(ImportCommand.Success, exitCode);
        Assert.Contains("1 imported (0 new, 1 replays)", output);
        Assert.Equal(
            $"{corrected}:2: transaction_id: 1 replayed transaction differs from the one stored under its id (the first on this line); the stored ones are kept: a correction needs a new transaction id",
            error.TrimEnd());
    }

    [Fact]
    public async Task Invoke_GoodFiles_ExitsZeroWithOneSummaryLinePerFile()
    {
        var transactions = WriteFile("transactions.csv", Transactions(10));

        var (exitCode, output, error) = await RunAsync("--customers", GoodCustomers(), "--statements", GoodStatements(), "--transactions", transactions);

        Assert.Equal(ImportCommand.Success, exitCode);
        Assert.Equal("", error);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("Store: SQLite", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{transactions}: imported; 10 rows read, 10 imported (10 new, 0 replays), 0 rejected, ", lines[3]);
        Assert.EndsWith(" rows/s", lines[3]);
        Assert.DoesNotContain('\r', output + error);
        Assert.Equal((3L, 2L, 10L), await CountsAsync());
    }

    [Fact]
    public async Task Invoke_SameFilesAgain_ReportsReplaysAndChangesNoCount()
    {
        var args = new[] { "--customers", GoodCustomers(), "--transactions", WriteFile("transactions.csv", Transactions(10)) };
        await RunAsync(args);

        var (exitCode, output, _) = await RunAsync(args);

        Assert.Equal(ImportCommand.Success, exitCode);
        Assert.Contains("10 imported (0 new, 10 replays)", output);
        Assert.Contains("3 imported (0 new, 3 updated)", output);
        Assert.Equal((3L, 0L, 10L), await CountsAsync());
    }

    [Fact]
    public async Task Invoke_BadRow_ExitsTwoNamingFileLineColumnAndReason()
    {
        var rows = Enumerable.Range(1, 9).Select(i => Transaction($"t{i}", $"c{1 + (i % 3)}", mcc: i == 6 ? "541" : "5411"));
        var transactions = WriteFile("transactions.csv", File(TransactionsHeader, rows));

        var (exitCode, _, error) = await RunAsync("--customers", GoodCustomers(), "--transactions", transactions);

        Assert.Equal(ImportCommand.InvalidData, exitCode);
        Assert.StartsWith($"{transactions}:7: merchant_category: must be exactly 4 digits", error);
        Assert.Contains("--skip-invalid", error);
        Assert.Equal((0L, 0L, 0L), await CountsAsync());
    }

    [Fact]
    public async Task Invoke_SkipInvalid_ExitsZeroImportsTheRestAndNamesTheRejectsFile()
    {
        var transactions = WriteFile("transactions.csv", File(TransactionsHeader, Transaction("t1"), Transaction("t2", type: "gift"), Transaction("t3")));

        var (exitCode, output, error) = await RunAsync("--customers", GoodCustomers(), "--transactions", transactions, "--skip-invalid");

        Assert.Equal(ImportCommand.Success, exitCode);
        Assert.Contains("2 imported (2 new, 0 replays), 1 rejected", output);
        Assert.Contains($"1 bad rows set aside in {transactions}.rejects.csv", error);
        var rejects = await System.IO.File.ReadAllLinesAsync(transactions + ".rejects.csv");
        Assert.Equal(Transaction("t2", type: "gift") + ",3,type,\"must be one of purchase, cash_withdrawal, payment, refund, fee, interest\"", rejects[1]);
        Assert.Equal((3L, 0L, 2L), await CountsAsync());
    }

    [Fact]
    public async Task Invoke_MissingFile_ExitsOneNamingIt()
    {
        var missing = Path.Combine(_directory, "nope.csv");

        var (exitCode, output, error) = await RunAsync("--customers", GoodCustomers(), "--transactions", missing);

        Assert.Equal(ImportCommand.UsageError, exitCode);
        Assert.Equal($"File not found: {missing}", error.Trim());
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Invoke_NoFile_ExitsOneAskingForOne()
    {
        var (exitCode, _, error) = await RunAsync("--skip-invalid");

        Assert.Equal(ImportCommand.UsageError, exitCode);
        Assert.Contains("Name at least one file", error);
    }

    [Fact]
    public async Task Invoke_AsOfWithoutSnapshot_UsageErrorNotIgnored()
    {
        var (exitCode, _, error) = await RunAsync("--customers", GoodCustomers(), "--as-of", "2026-01-01");

        Assert.Equal(ImportCommand.UsageError, exitCode);
        Assert.Contains("--as-of applies to --snapshot only.", error);
    }

    [Fact]
    public async Task Invoke_BatchSizeNotANumber_SaysWhatItTakesInWords()
    {
        var (exitCode, _, error) = await RunAsync("--customers", GoodCustomers(), "--batch-size", "abc");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--batch-size must be a whole number (got 'abc')", error);
        Assert.DoesNotContain("System.", error);
    }

    [Fact]
    public async Task Invoke_BatchSizeAboveMaximum_ExitsOneWithoutCreatingAStore()
    {
        var (exitCode, _, error) = await RunAsync("--customers", GoodCustomers(), "--batch-size", "1001");

        Assert.Equal(ImportCommand.UsageError, exitCode);
        Assert.Contains("--batch-size must be 1 to 1000", error);
        // A usage error is checked before the store is opened: no new store file for a typo.
        Assert.False(System.IO.File.Exists(DatabasePath));
    }

    [Fact]
    public async Task Invoke_HeaderMissingColumn_ExitsTwoNamingIt()
    {
        var customers = WriteFile("customers.csv", "customer_id,full_name,credit_limit,opened_on,whatsapp_opt_in\nc1,A,1,2021-01-01,true\n");

        var (exitCode, _, error) = await RunAsync("--customers", customers);

        Assert.Equal(ImportCommand.InvalidData, exitCode);
        Assert.StartsWith($"{customers}:1: phone: the header lacks column(s) phone", error);
    }
}
