using CreditRisk.Core.Customers;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Ingestion.Csv;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static CreditRisk.Tests.Ingestion.Csv.CsvSamples;

namespace CreditRisk.Tests.Ingestion.Csv;

public sealed class CsvImporterTests : IAsyncLifetime
{
    private readonly RecordingListener _listener = new();
    private TemporaryStore _store = null!;

    public async Task InitializeAsync() =>
        _store = await TemporaryStore.CreateAsync(s => s.AddSingleton<IIngestionListener>(_listener));

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<CsvImportReport> ImportAsync(CsvImportRequest request)
    {
        await using var scope = _store.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CsvImporter>().ImportAsync(request);
    }

    private CsvImportRequest AllThree(string? transactions = null) => new()
    {
        CustomersPath = _store.WriteFile("customers.csv", File(
            CustomersHeader,
            Customer("c1", name: "\"Rao, Anita\""),
            Customer("c2", phone: "+919812345679", optIn: "0"),
            Customer("c3", phone: "+919812345680", optIn: "FALSE"))),
        StatementsPath = _store.WriteFile("statements.csv", File(
            StatementsHeader,
            Statement("c1"),
            Statement("c2", minimumDue: "", dueDate: "", paid: "0", paidOn: ""),
            Statement("c1", date: "2026-10-15", dueDate: "2026-11-05", paidOn: "2026-11-03"))),
        TransactionsPath = _store.WriteFile("transactions.csv", transactions ?? Transactions(10)),
    };

    [Fact]
    public async Task ImportAsync_TransactionsSentAgainWithAChangedAmount_KeepsTheStoredOnesAndReportsHowManyDifferFromWhichLine()
    {
        var customers = _store.WriteFile("customers.csv", File(CustomersHeader, Customer("c1")));
        var first = _store.WriteFile("t1.csv", File(TransactionsHeader, Transaction("t1", amount: "100.00"), Transaction("t2"), Transaction("t3")));
        await ImportAsync(new CsvImportRequest { CustomersPath = customers, TransactionsPath = first });
        var corrected = _store.WriteFile("t2.csv", File(TransactionsHeader, Transaction("t1", amount: "100.00"), Transaction("t2", amount: "250.00"), Transaction("t3", amount: "7.00")));

        var file = (await ImportAsync(new CsvImportRequest { TransactionsPath = corrected })).Files[0];

        // A replay is idempotent by id: a "correction" under the same id changes nothing, so say so.
        Assert.Equal((CsvFileStatus.Imported, 0L, 3L, 2L, 3L), (file.Status, file.New, file.Existing, file.ReplaysDiffering, file.FirstDifferingLine));
        Assert.Equal(100.00m, (await _store.Store.Transactions.GetManyAsync(["t1"]))["t1"].Amount);
        Assert.Equal(100.50m, (await _store.Store.Transactions.GetManyAsync(["t2"]))["t2"].Amount);
    }

    [Fact]
    public async Task ImportAsync_CustomersFileSavedAsWindows1252_IsRefusedNamingTheLineNotStoredWithReplacementCharacters()
    {
        var path = Path.Combine(_store.Directory, "customers.csv");
        await System.IO.File.WriteAllBytesAsync(path, System.Text.Encoding.Latin1.GetBytes(File(CustomersHeader, Customer("c1"), Customer("c2", name: "José Núñez"))));

        var report = await ImportAsync(new CsvImportRequest { CustomersPath = path });

        Assert.Equal(CsvFileStatus.Invalid, report.Files[0].Status);
        Assert.Equal(3, report.Files[0].FirstProblem!.Line);
        Assert.Contains("not UTF-8", report.Files[0].FirstProblem!.Reason);
        Assert.Equal(0, await _store.Store.Customers.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_ThreeGoodFiles_StoresEveryRow()
    {
        var report = await ImportAsync(AllThree());

        Assert.True(report.Succeeded);
        Assert.Equal([CsvImportKind.Customers, CsvImportKind.Statements, CsvImportKind.Transactions], report.Files.Select(f => f.Kind));
        Assert.Equal((3L, 3L, 10L), await _store.CountsAsync());
        Assert.Equal([3L, 3L, 10L], report.Files.Select(f => f.New));
        Assert.All(report.Files, f => Assert.Equal(0, f.Existing + f.Rejected));
        var c1 = await _store.Store.Customers.GetAsync("c1");
        Assert.Equal("Rao, Anita", c1!.FullName);
        Assert.True(c1.WhatsAppOptIn);
        Assert.False((await _store.Store.Customers.GetAsync("c3"))!.WhatsAppOptIn);
    }

    [Fact]
    public async Task ImportAsync_SameFilesTwice_ChangesNoCount()
    {
        var request = AllThree();
        await ImportAsync(request);
        var before = await _store.CountsAsync();
        var receivedAt = (await _store.Store.Transactions.GetManyAsync(["t1"]))["t1"].ReceivedAt;

        var again = await ImportAsync(request);

        Assert.True(again.Succeeded);
        Assert.Equal(before, await _store.CountsAsync());
        Assert.All(again.Files, f => Assert.Equal(0, f.New));
        Assert.Equal([3L, 3L, 10L], again.Files.Select(f => f.Existing));
        Assert.Equal(receivedAt, (await _store.Store.Transactions.GetManyAsync(["t1"]))["t1"].ReceivedAt);
    }

    [Fact]
    public async Task ImportAsync_BadMccOnLine7_StopsWithFileLineColumnReasonAndStoresNothing()
    {
        var rows = Enumerable.Range(1, 9).Select(i => Transaction($"t{i}", mcc: i == 6 ? "54X1" : "5411")).ToList();
        var request = AllThree(File(TransactionsHeader, rows));

        var report = await ImportAsync(request);

        var transactions = report.Files.Single(f => f.Kind == CsvImportKind.Transactions);
        Assert.False(report.Succeeded);
        Assert.Equal(CsvFileStatus.Invalid, transactions.Status);
        Assert.Equal(new CsvProblem(7, "merchant_category", "must be exactly 4 digits"), transactions.FirstProblem);
        Assert.Equal($"{request.TransactionsPath}:7: merchant_category: must be exactly 4 digits", transactions.FirstProblem!.Describe(request.TransactionsPath!));
        Assert.Equal(1, transactions.Rejected);
        Assert.Equal((0L, 0L, 0L), await _store.CountsAsync());
        Assert.Empty(_listener.Transactions);
        Assert.False(System.IO.File.Exists(CsvImporter.RejectsPathFor(request.TransactionsPath!)));
    }

    [Fact]
    public async Task ImportAsync_SeveralBadRows_ReportsTheFirstAndCountsTheRest()
    {
        var request = AllThree(File(TransactionsHeader, Transaction("t1", amount: "0"), Transaction("t2"), Transaction("t3", type: "gift"), Transaction("t4", amount: "-3")));

        var report = await ImportAsync(request);

        var transactions = report.Files[2];
        Assert.Equal(new CsvProblem(2, "amount", "must be greater than 0"), transactions.FirstProblem);
        Assert.Equal(3, transactions.Rejected);
    }

    [Fact]
    public async Task ImportAsync_SkipInvalid_WritesRejectsWithReasonsAndImportsTheRest()
    {
        var request = AllThree(File(
            TransactionsHeader,
            Transaction("t1"),
            Transaction("t2", mcc: "54X1"),
            Transaction("t3", customer: "ghost"),
            Transaction("t4", merchant: "\"m, with comma\"", amount: "\"12,5\""),
            Transaction("t5"))) with { SkipInvalid = true };

        var report = await ImportAsync(request);

        var transactions = report.Files[2];
        Assert.True(report.Succeeded);
        Assert.Equal(3, transactions.Rejected);
        Assert.Equal(2, transactions.New);
        Assert.Equal((3L, 3L, 2L), await _store.CountsAsync());
        Assert.Equal(CsvImporter.RejectsPathFor(request.TransactionsPath!), transactions.RejectsPath);
        var rejects = await System.IO.File.ReadAllLinesAsync(transactions.RejectsPath!);
        Assert.Equal(
            [
                TransactionsHeader + ",line,column,reason",
                Transaction("t2", mcc: "54X1") + ",3,merchant_category,must be exactly 4 digits",
                Transaction("t3", customer: "ghost") + ",4,customer_id,names an unknown customer 'ghost'",
            ],
            rejects[..3]);
        // A field holding a comma is quoted again on the way out, and the reason names every bad column.
        Assert.StartsWith("t4,c1,2026-09-01T10:00:00Z,\"12,5\",purchase,5411,\"m, with comma\",pos,5,amount,", rejects[3]);
    }

    [Fact]
    public async Task ImportAsync_SkipInvalidWithNothingBad_LeavesAnEmptyRejectsFile()
    {
        var request = AllThree() with { SkipInvalid = true };
        _store.WriteFile("transactions.csv.rejects.csv", "stale");

        var report = await ImportAsync(request);

        Assert.Equal(0, report.Files[2].Rejected);
        Assert.Equal([TransactionsHeader + ",line,column,reason"], await System.IO.File.ReadAllLinesAsync(report.Files[2].RejectsPath!));
    }

    [Fact]
    public async Task ImportAsync_UnknownCustomer_IsARowError()
    {
        var request = new CsvImportRequest
        {
            TransactionsPath = _store.WriteFile("transactions.csv", File(TransactionsHeader, Transaction("t1", customer: "nobody"))),
        };

        var report = await ImportAsync(request);

        Assert.Equal(new CsvProblem(2, "customer_id", "names an unknown customer 'nobody'"), report.Files[0].FirstProblem);
        Assert.Equal(CsvFileStatus.Invalid, report.Files[0].Status);
    }

    [Fact]
    public async Task ImportAsync_CustomerStoredEarlier_IsKnownWithoutACustomersFile()
    {
        await ImportAsync(new CsvImportRequest { CustomersPath = _store.WriteFile("customers.csv", Customers(3)) });

        var report = await ImportAsync(new CsvImportRequest { TransactionsPath = _store.WriteFile("transactions.csv", Transactions(5)) });

        Assert.True(report.Succeeded);
        Assert.Equal(5, await _store.Store.Transactions.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_CustomerRejectedFromCustomersFile_IsUnknownToTransactions()
    {
        var request = new CsvImportRequest
        {
            CustomersPath = _store.WriteFile("customers.csv", File(CustomersHeader, Customer("c1"), Customer("c2", phone: "12345"))),
            TransactionsPath = _store.WriteFile("transactions.csv", File(TransactionsHeader, Transaction("t1", customer: "c1"), Transaction("t2", customer: "c2"))),
            SkipInvalid = true,
        };

        var report = await ImportAsync(request);

        Assert.Equal(new CsvProblem(3, "phone", "must be an E.164 number: '+' then 8 to 15 digits, the first not 0 (e.g. +919812345678)"), report.Files[0].FirstProblem);
        Assert.Equal(new CsvProblem(3, "customer_id", "names an unknown customer 'c2'"), report.Files[1].FirstProblem);
        Assert.Equal((1L, 0L, 1L), await _store.CountsAsync());
    }

    [Fact]
    public async Task ImportAsync_HeaderMissingColumn_FailsNamingIt()
    {
        var request = new CsvImportRequest
        {
            TransactionsPath = _store.WriteFile("transactions.csv", "transaction_id,customer_id,timestamp,amount,type,merchant_category,merchant_id\nt1,c1,2026-09-01T10:00:00Z,1,purchase,,\n"),
            SkipInvalid = true,
        };

        var report = await ImportAsync(request);

        var file = report.Files[0];
        Assert.Equal(CsvFileStatus.Invalid, file.Status);
        Assert.Equal(1, file.FirstProblem!.Line);
        Assert.Equal("channel", file.FirstProblem.Column);
        Assert.Contains("lacks column(s) channel", file.FirstProblem.Reason);
        Assert.Null(file.RejectsPath);
    }

    [Fact]
    public async Task ImportAsync_UnclosedQuoteMidFile_FailsAtItsLineAndImportsNothing()
    {
        var request = AllThree(File(TransactionsHeader, Transaction("t1"), Transaction("t2", merchant: "\"m-2"), Transaction("t3"))) with { SkipInvalid = true };

        var report = await ImportAsync(request);

        Assert.Equal(CsvFileStatus.Invalid, report.Files[2].Status);
        Assert.Equal(new CsvProblem(3, null, "a quoted field is not closed before the end of the file."), report.Files[2].FirstProblem);
        Assert.False(System.IO.File.Exists(CsvImporter.RejectsPathFor(request.TransactionsPath!)));
        Assert.Equal((0L, 0L, 0L), await _store.CountsAsync());
    }

    [Fact]
    public async Task ImportAsync_EarlierFileValidLaterFileInvalid_ImportsNeither()
    {
        var request = AllThree(File(TransactionsHeader, Transaction("t1", timestamp: "yesterday")));

        var report = await ImportAsync(request);

        Assert.Equal([CsvFileStatus.NotImported, CsvFileStatus.NotImported, CsvFileStatus.Invalid], report.Files.Select(f => f.Status));
        Assert.Equal("timestamp", report.Files[2].FirstProblem!.Column);
        Assert.Equal((0L, 0L, 0L), await _store.CountsAsync());
    }

    [Fact]
    public async Task ImportAsync_WrongNumberOfFields_IsARowError()
    {
        var request = AllThree(File(TransactionsHeader, Transaction("t1"), "t2,c1,2026-09-01T10:00:00Z,1,purchase"));

        var report = await ImportAsync(request);

        Assert.Equal(new CsvProblem(3, CsvFieldError.WholeRow, "has 5 fields; the header has 8"), report.Files[2].FirstProblem);
    }

    [Fact]
    public async Task ImportAsync_TransactionIdRepeatedWithOtherValues_IsAnError()
    {
        var request = AllThree(File(TransactionsHeader, Transaction("t1"), Transaction("t2"), Transaction("t1", amount: "99")));

        var report = await ImportAsync(request);

        Assert.Equal(new CsvProblem(4, "transaction_id", "repeats the transaction id of line 2 with different values"), report.Files[2].FirstProblem);
    }

    [Fact]
    public async Task ImportAsync_IdenticalRowRepeated_ImportsItOnce()
    {
        var request = AllThree(File(TransactionsHeader, Transaction("t1"), Transaction("t2"), Transaction("t1")));

        var report = await ImportAsync(request);

        Assert.True(report.Succeeded);
        Assert.Equal((3L, 2L, 1L, 0L), (report.Files[2].RowsRead, report.Files[2].New, report.Files[2].Repeats, report.Files[2].Rejected));
        Assert.Equal(2, await _store.Store.Transactions.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_StatementForSameCustomerAndDateRepeatedWithOtherValues_IsAnError()
    {
        var request = new CsvImportRequest
        {
            CustomersPath = _store.WriteFile("customers.csv", Customers(1)),
            StatementsPath = _store.WriteFile("statements.csv", File(StatementsHeader, Statement("c1"), Statement("c1", balance: "5000"))),
        };

        var report = await ImportAsync(request);

        Assert.Equal(new CsvProblem(3, "statement_date", "repeats the statement for this customer and date of line 2 with different values"), report.Files[1].FirstProblem);
    }

    [Fact]
    public async Task ImportAsync_PhoneOfAnotherCustomerOnAnEarlierLine_ARowErrorOfTheCheckSetAsideWithSkipInvalid()
    {
        var path = _store.WriteFile("customers.csv", File(CustomersHeader,
            Customer("c1", phone: "+919800000001"),
            Customer("c2", phone: "+919800000002"),
            Customer("c3", phone: "+919800000001")));

        var strict = await ImportAsync(new CsvImportRequest { CustomersPath = path, BatchSize = 2 });
        var counted = (await _store.CountsAsync()).Customers;
        var lenient = await ImportAsync(new CsvImportRequest { CustomersPath = path, BatchSize = 2, SkipInvalid = true });

        Assert.Equal(CsvFileStatus.Invalid, strict.Files[0].Status);
        Assert.Equal(new CsvProblem(4, "phone", "is given to another customer on line 2: one phone number is one customer's"), strict.Files[0].FirstProblem);
        Assert.Equal(0, counted);
        Assert.Equal((CsvFileStatus.Imported, 1L, 2L), (lenient.Files[0].Status, lenient.Files[0].Rejected, lenient.Files[0].New));
        Assert.Null(await _store.Store.Customers.GetAsync("c3"));
    }

    [Fact]
    public async Task ImportAsync_PhoneOfAStoredCustomer_RefusedByTheCheckUnlessTheyMoveEarlierInTheFile()
    {
        await _store.Store.Customers.UpsertManyAsync([A.Customer("old", "+919800000009")]);
        var taken = _store.WriteFile("customers.csv", File(CustomersHeader,
            Customer("c1", phone: "+919800000001"),
            Customer("c2", phone: "+919800000002"),
            Customer("c3", phone: "+919800000009")));
        var moved = _store.WriteFile("moved.csv", File(CustomersHeader,
            Customer("old", phone: "+919800000008"),
            Customer("c3", phone: "+919800000009")));

        var refused = await ImportAsync(new CsvImportRequest { CustomersPath = taken, BatchSize = 2 });
        var counted = (await _store.CountsAsync()).Customers;
        var accepted = await ImportAsync(new CsvImportRequest { CustomersPath = moved, BatchSize = 1 });

        Assert.Equal(CsvFileStatus.Invalid, refused.Files[0].Status);
        Assert.StartsWith("already belongs to customer 'old'", refused.Files[0].FirstProblem!.Reason);
        Assert.Equal(1, counted);
        Assert.True(accepted.Succeeded);
        Assert.Equal("c3", (await _store.Store.Customers.FindByPhoneAsync("+919800000009"))!.Id);
    }

    [Fact]
    public async Task ImportAsync_RiskPipelineFailsOnStatements_FailsSayingTheyAreStoredAndToImportAgain()
    {
        var request = new CsvImportRequest
        {
            CustomersPath = _store.WriteFile("customers.csv", Customers(1)),
            StatementsPath = _store.WriteFile("statements.csv", File(StatementsHeader, Statement("c1"))),
        };
        _listener.FailStatements = true;

        var failed = await ImportAsync(request);
        _listener.FailStatements = false;
        var again = await ImportAsync(request);

        Assert.False(failed.Succeeded);
        Assert.Equal(
            "these statements are stored, but the customers' risk could not be updated from them; import the file again (1 rows of this file are stored)",
            failed.Files[1].FirstProblem!.Reason);
        Assert.True(again.Succeeded);
        Assert.Equal(1, await _store.Store.Statements.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_ParseErrors_NameTheColumnInsteadOfCallingItMissing()
    {
        var request = new CsvImportRequest
        {
            CustomersPath = _store.WriteFile("customers.csv", File(CustomersHeader, Customer("c1", limit: "\"1.000,50\"", openedOn: "14/07/2021", optIn: "yes"))),
        };

        var report = await ImportAsync(request);

        var problem = report.Files[0].FirstProblem!;
        Assert.Equal("credit_limit", problem.Column);
        Assert.Equal(
            "must be a number with '.' as the decimal point, no thousands separators and at most 28 digits, e.g. 1234.50; " +
            "opened_on: must be a date written yyyy-MM-dd, e.g. 2026-03-01; whatsapp_opt_in: must be true or false (or 1 or 0)",
            problem.Reason);
    }

    [Fact]
    public async Task ImportAsync_BatchSize_WritesThroughIngestionInBatchesOfThatSize()
    {
        var request = AllThree() with { BatchSize = 3 };

        await ImportAsync(request);

        Assert.Equal([3, 3, 3, 1], _listener.TransactionBatches);
        Assert.Equal(10, _listener.Transactions.Distinct().Count());
        Assert.Equal([3], _listener.CustomerBatches);
    }

    [Fact]
    public async Task ImportAsync_BatchSizeAboveMaximum_Throws()
    {
        var request = AllThree() with { BatchSize = 1001 };

        await Assert.ThrowsAsync<ArgumentException>(() => ImportAsync(request));
    }

    [Fact]
    public async Task ImportAsync_ManyRowsFromAGeneratedFile_ImportsEveryRow()
    {
        const int Rows = 200_000;
        const int CustomerCount = 500;
        var customers = _store.WriteFile("customers.csv", Customers(CustomerCount));
        var transactions = Path.Combine(_store.Directory, "transactions.csv");
        // Written row by row and read back the same way: the rows exist only on disk.
        await using (var writer = new StreamWriter(transactions))
        {
            await writer.WriteLineAsync(TransactionsHeader);
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < Rows; i++)
            {
                await writer.WriteLineAsync(Transaction(
                    $"tx-{i:D7}", $"c{1 + (i % CustomerCount)}", start.AddSeconds(i * 30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), $"{1 + (i % 997)}.25"));
            }
        }

        _listener.KeepIds = false;
        var report = await ImportAsync(new CsvImportRequest { CustomersPath = customers, TransactionsPath = transactions });

        var file = report.Files[1];
        Assert.True(report.Succeeded);
        Assert.Equal((Rows, Rows, 0L), (file.RowsRead, file.New, file.Rejected));
        Assert.Equal(Rows, await _store.Store.Transactions.CountAsync());
        Assert.Equal(Rows / 1000, _listener.TransactionBatches.Count);
        Assert.All(_listener.TransactionBatches, size => Assert.Equal(1000, size));
    }

    private sealed class RecordingListener : IIngestionListener
    {
        public bool KeepIds { get; set; } = true;

        public List<int> CustomerBatches { get; } = [];

        public List<int> TransactionBatches { get; } = [];

        public List<string> Transactions { get; } = [];

        public Task OnCustomersAcceptedAsync(IReadOnlyList<Customer> customers, CancellationToken ct)
        {
            CustomerBatches.Add(customers.Count);
            return Task.CompletedTask;
        }

        public Task OnTransactionsAcceptedAsync(IReadOnlyList<Transaction> newOnes, CancellationToken ct)
        {
            TransactionBatches.Add(newOnes.Count);
            if (KeepIds)
            {
                Transactions.AddRange(newOnes.Select(t => t.Id));
            }

            return Task.CompletedTask;
        }

        /// <summary>Fail on statements, as the risk pipeline does when the store times out under it.</summary>
        public bool FailStatements { get; set; }

        public Task OnStatementsAcceptedAsync(IReadOnlyList<Statement> statements, CancellationToken ct) =>
            FailStatements ? throw new TimeoutException("pipeline timed out") : Task.CompletedTask;
    }
}
