using System.Globalization;
using System.Text.RegularExpressions;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Simulation;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Tests.Simulation;

public sealed class SimulationCsvWriterTests
{
    private static readonly string[] AllFiles =
    [
        SimulationCsvWriter.CustomersFile, SimulationCsvWriter.TransactionsFile, SimulationCsvWriter.StatementsFile,
        SimulationCsvWriter.LabelsFile, SimulationCsvWriter.DelinquencyEventsFile,
    ];

    [Fact]
    public void WriteAll_SameSeed_ProducesByteIdenticalFiles()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        SimulationCsvWriter.WriteAll(SimulationTestData.Simulator().Generate(SimulationTestData.Options(150, months: 8, seed: 7)), first.Path);
        SimulationCsvWriter.WriteAll(SimulationTestData.Simulator().Generate(SimulationTestData.Options(150, months: 8, seed: 7)), second.Path);

        foreach (var file in AllFiles)
        {
            Assert.Equal(File.ReadAllBytes(first.File(file)), File.ReadAllBytes(second.File(file)));
        }
    }

    [Fact]
    public void WriteAll_DifferentSeed_ProducesDifferentFiles()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        SimulationCsvWriter.WriteAll(SimulationTestData.Simulator().Generate(SimulationTestData.Options(150, months: 8, seed: 7)), first.Path);
        SimulationCsvWriter.WriteAll(SimulationTestData.Simulator().Generate(SimulationTestData.Options(150, months: 8, seed: 8)), second.Path);

        Assert.NotEqual(File.ReadAllBytes(first.File(SimulationCsvWriter.TransactionsFile)), File.ReadAllBytes(second.File(SimulationCsvWriter.TransactionsFile)));
        Assert.NotEqual(File.ReadAllBytes(first.File(SimulationCsvWriter.CustomersFile)), File.ReadAllBytes(second.File(SimulationCsvWriter.CustomersFile)));
    }

    [Theory]
    [InlineData("customers.csv", "customer_id,full_name,phone,credit_limit,opened_on,whatsapp_opt_in")]
    [InlineData("transactions.csv", "transaction_id,customer_id,timestamp,amount,type,merchant_category,merchant_id,channel")]
    [InlineData("statements.csv", "customer_id,statement_date,credit_limit,balance,minimum_due,due_date,amount_paid,paid_on,days_past_due")]
    [InlineData("labels.csv", "customer_id,as_of,label")]
    [InlineData("delinquency_events.csv", "customer_id,first_30dpd_date")]
    public void WriteAll_EachFile_StartsWithTheDocumentedHeaderAndHasThatManyColumns(string file, string header)
    {
        using var directory = new TempDirectory();
        SimulationCsvWriter.WriteAll(SimulationTestData.Simulator().Generate(SimulationTestData.Options(200, months: 12)), directory.Path);

        var lines = File.ReadAllLines(directory.File(file));

        Assert.Equal(header, lines[0]);
        Assert.True(lines.Length > 1, $"{file} has no data rows");
        var columns = header.Split(',').Length;
        Assert.All(lines.Skip(1), line => Assert.Equal(columns, SplitCsv(line).Count));
    }

    [Fact]
    public void WriteAll_Always_WritesUtf8WithoutBomAndLfLineEnds()
    {
        using var directory = new TempDirectory();
        SimulationCsvWriter.WriteAll(SimulationTestData.Simulator().Generate(SimulationTestData.Options(20, months: 3)), directory.Path);

        var bytes = File.ReadAllBytes(directory.File(SimulationCsvWriter.CustomersFile));

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
    }

    [Fact]
    public void WriteAll_UnderCommaDecimalCulture_StillWritesInvariantAmountsDatesAndTimestamps()
    {
        using var directory = new TempDirectory();
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            SimulationCsvWriter.WriteAll(SimulationTestData.Simulator().Generate(SimulationTestData.Options(30, months: 4)), directory.Path);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        var amount = new Regex(@"^-?\d+\.\d{2}$");
        var timestamp = new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$");
        var date = new Regex(@"^\d{4}-\d{2}-\d{2}$");
        var transactions = File.ReadAllLines(directory.File(SimulationCsvWriter.TransactionsFile)).Skip(1).Select(SplitCsv).ToList();
        Assert.All(transactions, row =>
        {
            Assert.Matches(timestamp, row[2]);
            Assert.Matches(amount, row[3]);
        });
        var statements = File.ReadAllLines(directory.File(SimulationCsvWriter.StatementsFile)).Skip(1).Select(SplitCsv).ToList();
        Assert.All(statements, row =>
        {
            Assert.Matches(date, row[1]);
            Assert.Matches(amount, row[2]);
            Assert.Matches(amount, row[3]);
            Assert.Matches(amount, row[6]);
        });
    }

    [Fact]
    public void Write_NameWithCommaAndQuote_IsQuotedPerRfc4180()
    {
        var writers = Enumerable.Range(0, 5).Select(_ => new StringWriter()).ToArray();
        using (var writer = new SimulationCsvWriter(writers[0], writers[1], writers[2], writers[3], writers[4]))
        {
            writer.Write(HandMadeCustomer("SHARMA, Ravi \"Ravi\""));
        }

        var row = writers[0].ToString().Split('\n')[1];
        Assert.Equal("C1,\"SHARMA, Ravi \"\"Ravi\"\"\",+12025550100,50000.00,2020-01-15,true", row);
    }

    [Fact]
    public void Write_HandMadeCustomer_WritesEveryFileInTheDocumentedShape()
    {
        var writers = Enumerable.Range(0, 5).Select(_ => new StringWriter()).ToArray();
        SimulationSummary summary;
        using (var writer = new SimulationCsvWriter(writers[0], writers[1], writers[2], writers[3], writers[4]))
        {
            writer.Write(HandMadeCustomer("Ravi Sharma"));
            summary = writer.Summary;
        }

        Assert.Equal("C1-T1,C1,2026-01-05T14:22:05Z,1234.50,cash_withdrawal,6011,M6011-0001,atm", writers[1].ToString().Split('\n')[1]);
        Assert.Equal("C1-T2,C1,2026-01-05T14:22:05Z,500.00,fee,,,", writers[1].ToString().Split('\n')[2]);
        Assert.Equal("C1,2026-01-31,50000.00,1734.50,200.00,2026-02-20,0.00,,0", writers[2].ToString().Split('\n')[1]);
        Assert.Equal("C1,2026-01-31,1", writers[3].ToString().Split('\n')[1]);
        Assert.Equal("C1,2026-03-02", writers[4].ToString().Split('\n')[1]);
        Assert.Equal(1, summary.Customers);
        Assert.Equal(2, summary.Transactions);
        Assert.Equal(1, summary.DelinquentCustomers);
        Assert.Equal(1, summary.PositiveLabels);
    }

    private static SimulatedCustomer HandMadeCustomer(string name) => new()
    {
        Customer = new Customer
        {
            Id = "C1",
            FullName = name,
            Phone = "+12025550100",
            CreditLimit = 50_000m,
            OpenedOn = new DateOnly(2020, 1, 15),
            WhatsAppOptIn = true,
        },
        Transactions =
        [
            new Transaction
            {
                Id = "C1-T1", CustomerId = "C1", Timestamp = new DateTimeOffset(2026, 1, 5, 14, 22, 5, TimeSpan.Zero),
                Amount = 1234.5m, Type = TransactionType.CashWithdrawal, MerchantCategory = "6011", MerchantId = "M6011-0001", Channel = "atm",
            },
            new Transaction
            {
                Id = "C1-T2", CustomerId = "C1", Timestamp = new DateTimeOffset(2026, 1, 5, 14, 22, 5, TimeSpan.Zero),
                Amount = 500m, Type = TransactionType.Fee,
            },
        ],
        Statements =
        [
            new Statement
            {
                Id = "C1:2026-01-31", CustomerId = "C1", StatementDate = new DateOnly(2026, 1, 31), CreditLimit = 50_000m,
                Balance = 1734.5m, MinimumDue = 200m, DueDate = new DateOnly(2026, 2, 20), AmountPaid = 0m, DaysPastDue = 0,
            },
        ],
        FirstDelinquencyDate = new DateOnly(2026, 3, 2),
        Labels = [new DelinquencyLabel { CustomerId = "C1", AsOf = new DateOnly(2026, 1, 31), BecameDelinquent = true }],
    };

    /// <summary>Minimal RFC 4180 field splitter for one record.</summary>
    internal static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
