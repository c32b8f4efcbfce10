using System.Text;

namespace CreditRisk.Tests.Ingestion.Csv;

/// <summary>Builds the three CSV files with valid defaults; each row helper takes only what a test changes.</summary>
public static class CsvSamples
{
    public const string CustomersHeader = "customer_id,full_name,phone,credit_limit,opened_on,whatsapp_opt_in";
    public const string StatementsHeader = "customer_id,statement_date,credit_limit,balance,minimum_due,due_date,amount_paid,paid_on,days_past_due";
    public const string TransactionsHeader = "transaction_id,customer_id,timestamp,amount,type,merchant_category,merchant_id,channel";

    public static string Customer(string id = "c1", string name = "Asha Verma", string? phone = null, string limit = "150000.00", string openedOn = "2021-07-14", string optIn = "true") =>
        $"{id},{name},{phone ?? Ingestion.IngestionInputs.PhoneOf(id)},{limit},{openedOn},{optIn}";

    public static string Statement(string customer = "c1", string date = "2026-09-15", string limit = "150000", string balance = "98765.43", string minimumDue = "4938.27", string dueDate = "2026-10-05", string paid = "4938.27", string paidOn = "2026-10-03", string daysPastDue = "0") =>
        $"{customer},{date},{limit},{balance},{minimumDue},{dueDate},{paid},{paidOn},{daysPastDue}";

    public static string Transaction(string id = "t1", string customer = "c1", string timestamp = "2026-09-01T10:00:00Z", string amount = "100.50", string type = "purchase", string mcc = "5411", string merchant = "m-1", string channel = "pos") =>
        $"{id},{customer},{timestamp},{amount},{type},{mcc},{merchant},{channel}";

    /// <summary>A header and rows, one per line, ending with a newline.</summary>
    public static string File(string header, params IEnumerable<string> rows)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Customers c1..c<paramref name="count"/>, each with its own phone number.</summary>
    public static string Customers(int count) =>
        File(CustomersHeader, Enumerable.Range(1, count).Select(i => Customer($"c{i}", phone: $"+9198123{i:D5}")));

    /// <summary>Transactions t1..t<paramref name="count"/> spread over customers c1..c<paramref name="customers"/>.</summary>
    public static string Transactions(int count, int customers = 3) =>
        File(TransactionsHeader, Enumerable.Range(1, count).Select(i => Transaction($"t{i}", $"c{1 + (i % customers)}", $"2026-09-{1 + (i % 28):D2}T10:{i % 60:D2}:00Z")));
}
