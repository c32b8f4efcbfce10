using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Ingestion.Csv;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Training;

/// <summary>
/// Reads a training directory in the import formats (docs/data-formats.md): <c>customers.csv</c>,
/// <c>transactions.csv</c> and/or <c>statements.csv</c>, and <c>labels.csv</c>. Streams each file; keeps only what the
/// feature engine needs. Duplicate transaction ids count once, a later statement row for the same date replaces the
/// earlier one, as the importer does.
/// </summary>
public static class TrainingDataReader
{
    public const string CustomersFile = "customers.csv";
    public const string TransactionsFile = "transactions.csv";
    public const string StatementsFile = "statements.csv";
    public const string LabelsFile = "labels.csv";
    public const string DelinquencyEventsFile = "delinquency_events.csv";

    // Only what the features need is required; the other import columns are accepted and ignored.
    private static readonly Columns CustomerColumns = new(["customer_id", "credit_limit"], ["full_name", "phone", "opened_on", "whatsapp_opt_in"]);
    private static readonly Columns TransactionColumns = new(["transaction_id", "customer_id", "timestamp", "amount", "type"], ["merchant_category", "merchant_id", "channel"]);
    private static readonly Columns StatementColumns = new(["customer_id", "statement_date", "credit_limit", "balance", "amount_paid", "days_past_due"], ["minimum_due", "due_date", "paid_on"]);
    private static readonly Columns LabelColumns = new(["customer_id", "as_of", "label"], []);
    private static readonly Columns DelinquencyEventColumns = new(["customer_id", "first_30dpd_date"], []);

    /// <exception cref="TrainingDataException">A required file is missing or a row is malformed.</exception>
    public static LabeledHistory Read(string directory) => Read(directory, withLabels: true);

    /// <summary>
    /// Reads the customers, transactions and statements, and labels.csv only when <paramref name="withLabels"/> (then
    /// required); without labels the history has none (the early-warning replay needs only the behaviour).
    /// </summary>
    /// <param name="directory">The data directory.</param>
    /// <param name="withLabels">Whether labels.csv is read (and required).</param>
    /// <param name="latest">
    /// When set, a transaction or statement dated after it is refused: the early-warning replay steps through every day
    /// up to the last one, so a mistyped year made it run for decades and 9999-12-31 overflowed its calendar. Training
    /// and evaluation leave it unset and read the data as it is.
    /// </param>
    /// <exception cref="TrainingDataException">A required file is missing or a row is malformed.</exception>
    public static LabeledHistory Read(string directory, bool withLabels, DateOnly? latest = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new TrainingDataException($"Data directory '{directory}' does not exist.");
        }

        var customers = new Dictionary<string, CustomerHistory>(StringComparer.Ordinal);
        ReadFile(directory, CustomersFile, CustomerColumns, required: true, (file, header, row) =>
        {
            var id = Required(file, header, row, "customer_id");
            customers[id] = new CustomerHistory(id, ParseDecimal(file, header, row, "credit_limit", IngestionOptions.LargestMaxAccountAmount));
        });

        var hasTransactions = ReadTransactions(directory, customers, latest);
        var hasStatements = ReadStatements(directory, customers, latest);
        if (!hasTransactions && !hasStatements)
        {
            throw new TrainingDataException($"'{directory}' needs {TransactionsFile} and/or {StatementsFile}.");
        }

        var labels = 0;
        if (!withLabels)
        {
            return new LabeledHistory(customers, labels, hasTransactions, hasStatements, Path.GetFullPath(directory));
        }

        ReadFile(directory, LabelsFile, LabelColumns, required: true, (file, header, row) =>
        {
            var customer = CustomerOf(customers, file, header, row);
            var asOf = ParseDate(file, header, row, "as_of");
            var label = Required(file, header, row, "label") switch
            {
                "1" or "true" => true,
                "0" or "false" => false,
                var other => throw Bad(file, row, "label", $"'{other}' is not 0 or 1"),
            };
            customer.Labels.Add(new LabelRow(labels++, asOf, label));
        });

        if (labels == 0)
        {
            throw new TrainingDataException($"{LabelsFile} has no rows.");
        }

        return new LabeledHistory(customers, labels, hasTransactions, hasStatements, Path.GetFullPath(directory));
    }

    /// <summary>
    /// delinquency_events.csv: each customer's first 30+ DPD date (<c>customer_id,first_30dpd_date</c>), one row per
    /// customer who ever reached it; every id must be in customers.csv, which <paramref name="history"/> holds.
    /// </summary>
    /// <exception cref="TrainingDataException">The file is missing or a row is malformed.</exception>
    public static IReadOnlyDictionary<string, DateOnly> ReadDelinquencyEvents(string directory, LabeledHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var events = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        ReadFile(directory, DelinquencyEventsFile, DelinquencyEventColumns, required: true, (file, header, row) =>
        {
            var customer = CustomerOf(history.Customers, file, header, row);
            var date = ParseDate(file, header, row, "first_30dpd_date");
            if (!events.TryAdd(customer.Id, date))
            {
                throw Bad(file, row, "customer_id", $"customer '{customer.Id}' appears twice");
            }
        });
        return events;
    }

    private static bool ReadTransactions(string directory, Dictionary<string, CustomerHistory> customers, DateOnly? latest)
    {
        // 128-bit digests instead of the id strings: millions of retained strings cost more in GC than the hashing.
        var seen = new HashSet<UInt128>();
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        return ReadFile(directory, TransactionsFile, TransactionColumns, required: false, (file, header, row) =>
        {
            if (!seen.Add(Digest(Required(file, header, row, "transaction_id"))))
            {
                return;
            }

            var customer = CustomerOf(customers, file, header, row);
            var timestamp = Required(file, header, row, "timestamp");
            if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                throw Bad(file, row, "timestamp", $"'{timestamp}' is not an ISO-8601 timestamp");
            }

            NotAfter(file, row, "timestamp", timestamp, DateOnly.FromDateTime(at.UtcDateTime), latest);

            var mcc = header.Get(row, "merchant_category");
            if (mcc is not null)
            {
                mcc = categories.TryGetValue(mcc, out var known) ? known : categories[mcc] = mcc;
            }

            customer.Transactions.Add(new CompactTransaction(
                at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond),
                ParseDecimal(file, header, row, "amount", IngestionOptions.LargestMaxAmount),
                ParseType(file, header, row),
                mcc));
        });
    }

    private static bool ReadStatements(string directory, Dictionary<string, CustomerHistory> customers, DateOnly? latest)
    {
        var index = new Dictionary<(string, DateOnly), int>();
        return ReadFile(directory, StatementsFile, StatementColumns, required: false, (file, header, row) =>
        {
            var customer = CustomerOf(customers, file, header, row);
            var date = ParseDate(file, header, row, "statement_date");
            NotAfter(file, row, "statement_date", header.Get(row, "statement_date"), date, latest);
            var statement = new Statement
            {
                Id = Statement.KeyFor(customer.Id, date),
                CustomerId = customer.Id,
                StatementDate = date,
                CreditLimit = ParseDecimal(file, header, row, "credit_limit", IngestionOptions.LargestMaxAccountAmount),
                Balance = ParseDecimal(file, header, row, "balance", IngestionOptions.LargestMaxAccountAmount),
                MinimumDue = header.Get(row, "minimum_due") is null ? null : ParseDecimal(file, header, row, "minimum_due", IngestionOptions.LargestMaxAccountAmount),
                DueDate = header.Get(row, "due_date") is null ? null : ParseDate(file, header, row, "due_date"),
                AmountPaid = ParseDecimal(file, header, row, "amount_paid", IngestionOptions.LargestMaxAccountAmount),
                PaidOn = header.Get(row, "paid_on") is null ? null : ParseDate(file, header, row, "paid_on"),
                DaysPastDue = ParseInt(file, header, row, "days_past_due"),
            };
            if (index.TryGetValue((customer.Id, date), out var at))
            {
                customer.Statements[at] = statement;
            }
            else
            {
                index[(customer.Id, date)] = customer.Statements.Count;
                customer.Statements.Add(statement);
            }
        });
    }

    private static bool ReadFile(
        string directory, string name, Columns columns, bool required, Action<string, CsvHeader, CsvRow> onRow)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            return required ? throw new TrainingDataException($"'{directory}' has no {name}.") : false;
        }

        using var text = new StreamReader(path);
        var reader = new CsvReader(text);
        try
        {
            var header = CsvHeader.Read(reader, columns.Required, columns.Optional);
            while (reader.ReadRow() is { } row)
            {
                if (row.Fields.Length != header.ColumnCount)
                {
                    throw Bad(name, row, null, $"{row.Fields.Length} fields where the header has {header.ColumnCount}");
                }

                onRow(name, header, row);
            }
        }
        catch (CsvFormatException e)
        {
            throw new TrainingDataException($"{name}: {e.Message}", e);
        }

        return true;
    }

    private static UInt128 Digest(string id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(id.AsSpan()), hash);
        return MemoryMarshal.Read<UInt128>(hash);
    }

    private static CustomerHistory CustomerOf(Dictionary<string, CustomerHistory> customers, string file, CsvHeader header, CsvRow row)
    {
        var id = Required(file, header, row, "customer_id");
        return customers.TryGetValue(id, out var customer)
            ? customer
            : throw Bad(file, row, "customer_id", $"customer '{id}' is not in {CustomersFile}");
    }

    private static string Required(string file, CsvHeader header, CsvRow row, string column) =>
        header.Get(row, column) ?? throw Bad(file, row, column, "a value is required");

    /// <summary>
    /// An amount within ±<paramref name="limit"/>, the most any ingestion configuration accepts: a figure past it is a
    /// feed error, and summed into a day's spend it would overflow deep inside feature building.
    /// </summary>
    private static decimal ParseDecimal(string file, CsvHeader header, CsvRow row, string column, decimal limit)
    {
        var text = Required(file, header, row, column);
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Bad(file, row, column, $"'{text}' is not an amount");
        }

        return Math.Abs(value) <= limit
            ? value
            : throw Bad(file, row, column, string.Create(CultureInfo.InvariantCulture, $"'{text}' is beyond ±{limit:N0}, more than any configuration accepts"));
    }

    private static int ParseInt(string file, CsvHeader header, CsvRow row, string column)
    {
        var text = Required(file, header, row, column);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Bad(file, row, column, $"'{text}' is not a whole number");
    }

    private static DateOnly ParseDate(string file, CsvHeader header, CsvRow row, string column)
    {
        var text = Required(file, header, row, column);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw Bad(file, row, column, $"'{text}' is not a yyyy-MM-dd date");
    }

    private static void NotAfter(string file, CsvRow row, string column, string? text, DateOnly date, DateOnly? latest)
    {
        if (date > latest)
        {
            throw Bad(file, row, column, $"'{text}' is after today ({latest:yyyy-MM-dd})");
        }
    }

    private static TransactionType ParseType(string file, CsvHeader header, CsvRow row) =>
        Required(file, header, row, "type") switch
        {
            "purchase" => TransactionType.Purchase,
            "cash_withdrawal" => TransactionType.CashWithdrawal,
            "payment" => TransactionType.Payment,
            "refund" => TransactionType.Refund,
            "fee" => TransactionType.Fee,
            "interest" => TransactionType.Interest,
            var other => throw Bad(file, row, "type", $"'{other}' is not a transaction type"),
        };

    private static TrainingDataException Bad(string file, CsvRow row, string? column, string reason) =>
        new($"{file} line {row.LineNumber}{(column is null ? string.Empty : $", column {column}")}: {reason}.");

    private sealed record Columns(string[] Required, string[] Optional);
}
