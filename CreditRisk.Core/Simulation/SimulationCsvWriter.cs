using CreditRisk.Core.Ingestion;
using System.Text;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Simulation;

/// <summary>
/// Streams simulated customers into the import CSVs (<c>customers.csv</c>, <c>transactions.csv</c>,
/// <c>statements.csv</c>) plus <c>labels.csv</c> and <c>delinquency_events.csv</c>, one customer at a time.
/// Formats follow docs/data-formats.md: UTF-8 without BOM, header row, RFC 4180 quoting, invariant culture.
/// </summary>
public sealed class SimulationCsvWriter : IDisposable
{
    public const string CustomersFile = "customers.csv";
    public const string TransactionsFile = "transactions.csv";
    public const string StatementsFile = "statements.csv";
    public const string LabelsFile = "labels.csv";
    public const string DelinquencyEventsFile = "delinquency_events.csv";

    public const string CustomersHeader = "customer_id,full_name,phone,credit_limit,opened_on,whatsapp_opt_in";
    public const string TransactionsHeader = "transaction_id,customer_id,timestamp,amount,type,merchant_category,merchant_id,channel";
    public const string StatementsHeader = "customer_id,statement_date,credit_limit,balance,minimum_due,due_date,amount_paid,paid_on,days_past_due";
    public const string LabelsHeader = "customer_id,as_of,label";
    public const string DelinquencyEventsHeader = "customer_id,first_30dpd_date";

    private const int BufferSize = 1 << 16;

    private readonly TextWriter _customers;
    private readonly TextWriter _transactions;
    private readonly TextWriter _statements;
    private readonly TextWriter _labels;
    private readonly TextWriter _events;
    private readonly bool _ownsWriters;
    private int _customerCount;
    private long _transactionCount;
    private long _statementCount;
    private long _labelCount;
    private long _positiveCount;
    private int _delinquentCount;

    /// <summary>Writes to the given writers (headers first); they stay open on dispose.</summary>
    public SimulationCsvWriter(TextWriter customers, TextWriter transactions, TextWriter statements, TextWriter labels, TextWriter delinquencyEvents)
        : this(customers, transactions, statements, labels, delinquencyEvents, ownsWriters: false)
    {
    }

    private SimulationCsvWriter(TextWriter customers, TextWriter transactions, TextWriter statements, TextWriter labels, TextWriter delinquencyEvents, bool ownsWriters)
    {
        _customers = customers;
        _transactions = transactions;
        _statements = statements;
        _labels = labels;
        _events = delinquencyEvents;
        _ownsWriters = ownsWriters;
        WriteHeader(_customers, CustomersHeader);
        WriteHeader(_transactions, TransactionsHeader);
        WriteHeader(_statements, StatementsHeader);
        WriteHeader(_labels, LabelsHeader);
        WriteHeader(_events, DelinquencyEventsHeader);
    }

    /// <summary>What has been written so far.</summary>
    public SimulationSummary Summary => new()
    {
        Customers = _customerCount,
        Transactions = _transactionCount,
        Statements = _statementCount,
        LabelRows = _labelCount,
        PositiveLabels = _positiveCount,
        DelinquentCustomers = _delinquentCount,
    };

    /// <summary>Creates (or overwrites) the five files in <paramref name="directory"/>, creating the directory if needed.</summary>
    public static SimulationCsvWriter Create(string directory)
    {
        Directory.CreateDirectory(directory);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        StreamWriter Open(string name) => new(Path.Combine(directory, name), append: false, encoding, BufferSize);
        return new SimulationCsvWriter(
            Open(CustomersFile), Open(TransactionsFile), Open(StatementsFile), Open(LabelsFile), Open(DelinquencyEventsFile),
            ownsWriters: true);
    }

    /// <summary>Generates and writes a whole portfolio into <paramref name="directory"/>.</summary>
    public static SimulationSummary WriteAll(IEnumerable<SimulatedCustomer> customers, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        using var writer = Create(directory);
        foreach (var customer in customers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Write(customer);
        }

        writer.Flush();
        return writer.Summary;
    }

    public void Write(SimulatedCustomer simulated)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        WriteCustomer(simulated.Customer);
        foreach (var transaction in simulated.Transactions)
        {
            WriteTransaction(transaction);
        }

        foreach (var statement in simulated.Statements)
        {
            WriteStatement(statement);
        }

        foreach (var label in simulated.Labels)
        {
            CsvText.Text(_labels, label.CustomerId);
            CsvText.Separator(_labels);
            CsvText.Date(_labels, label.AsOf);
            CsvText.Separator(_labels);
            _labels.Write(label.BecameDelinquent ? '1' : '0');
            CsvText.EndRecord(_labels);
            _labelCount++;
            _positiveCount += label.BecameDelinquent ? 1 : 0;
        }

        if (simulated.FirstDelinquencyDate is { } first)
        {
            CsvText.Text(_events, simulated.Customer.Id);
            CsvText.Separator(_events);
            CsvText.Date(_events, first);
            CsvText.EndRecord(_events);
            _delinquentCount++;
        }

        _customerCount++;
    }

    public void Flush()
    {
        _customers.Flush();
        _transactions.Flush();
        _statements.Flush();
        _labels.Flush();
        _events.Flush();
    }

    public void Dispose()
    {
        Flush();
        if (_ownsWriters)
        {
            _customers.Dispose();
            _transactions.Dispose();
            _statements.Dispose();
            _labels.Dispose();
            _events.Dispose();
        }
    }

    private void WriteCustomer(Customer customer)
    {
        var w = _customers;
        CsvText.Text(w, customer.Id);
        CsvText.Separator(w);
        CsvText.Text(w, customer.FullName);
        CsvText.Separator(w);
        CsvText.Text(w, customer.Phone);
        CsvText.Separator(w);
        CsvText.Amount(w, customer.CreditLimit);
        CsvText.Separator(w);
        CsvText.Date(w, customer.OpenedOn);
        CsvText.Separator(w);
        CsvText.Boolean(w, customer.WhatsAppOptIn);
        CsvText.EndRecord(w);
    }

    private void WriteTransaction(Transaction transaction)
    {
        var w = _transactions;
        CsvText.Text(w, transaction.Id);
        CsvText.Separator(w);
        CsvText.Text(w, transaction.CustomerId);
        CsvText.Separator(w);
        CsvText.Timestamp(w, transaction.Timestamp);
        CsvText.Separator(w);
        CsvText.Amount(w, transaction.Amount);
        CsvText.Separator(w);
        w.Write(WireFormat.ToWireName(transaction.Type));
        CsvText.Separator(w);
        CsvText.Text(w, transaction.MerchantCategory);
        CsvText.Separator(w);
        CsvText.Text(w, transaction.MerchantId);
        CsvText.Separator(w);
        CsvText.Text(w, transaction.Channel);
        CsvText.EndRecord(w);
        _transactionCount++;
    }

    private void WriteStatement(Statement statement)
    {
        var w = _statements;
        CsvText.Text(w, statement.CustomerId);
        CsvText.Separator(w);
        CsvText.Date(w, statement.StatementDate);
        CsvText.Separator(w);
        CsvText.Amount(w, statement.CreditLimit);
        CsvText.Separator(w);
        CsvText.Amount(w, statement.Balance);
        CsvText.Separator(w);
        if (statement.MinimumDue is { } minimumDue)
        {
            CsvText.Amount(w, minimumDue);
        }

        CsvText.Separator(w);
        CsvText.Date(w, statement.DueDate);
        CsvText.Separator(w);
        CsvText.Amount(w, statement.AmountPaid);
        CsvText.Separator(w);
        CsvText.Date(w, statement.PaidOn);
        CsvText.Separator(w);
        CsvText.Integer(w, statement.DaysPastDue);
        CsvText.EndRecord(w);
        _statementCount++;
    }

    private static void WriteHeader(TextWriter writer, string header)
    {
        writer.Write(header);
        CsvText.EndRecord(writer);
    }
}
