namespace CreditRisk.Tests.Api;

/// <summary>Valid request items as anonymous objects, serialised by the test client in camelCase.</summary>
internal static class ApiBodies
{
    public static object Customer(string id) => new
    {
        customerId = id,
        fullName = "Test Customer " + id,
        phone = Ingestion.IngestionInputs.PhoneOf(id),
        creditLimit = 100_000m,
        openedOn = "2022-01-15",
        whatsappOptIn = true,
    };

    public static Dictionary<string, object?> Transaction(string id, string customerId, DateTimeOffset timestamp) => new()
    {
        ["transactionId"] = id,
        ["customerId"] = customerId,
        ["timestamp"] = timestamp.ToString("O"),
        ["amount"] = 499.99m,
        ["type"] = "purchase",
        ["merchantCategory"] = "5411",
        ["merchantId"] = "M-1",
        ["channel"] = "pos",
    };

    public static object Statement(string customerId) => new
    {
        customerId,
        statementDate = "2026-01-31",
        creditLimit = 100_000m,
        balance = 25_000m,
        minimumDue = 1_250m,
        dueDate = "2026-02-20",
        amountPaid = 1_250m,
        paidOn = "2026-02-18",
        daysPastDue = 0,
    };
}
