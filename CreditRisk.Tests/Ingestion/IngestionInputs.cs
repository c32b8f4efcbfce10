using CreditRisk.Core.Ingestion;

namespace CreditRisk.Tests.Ingestion;

/// <summary>Valid inputs to start from; tests change one field with <c>with</c>.</summary>
internal static class IngestionInputs
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static CustomerInput Customer(string id = "C-1") => new()
    {
        CustomerId = id,
        FullName = "Anita Rao",
        Phone = PhoneOf(id),
        CreditLimit = 150_000m,
        OpenedOn = new DateOnly(2021, 6, 15),
        WhatsappOptIn = true,
    };

    /// <summary>A phone of the customer's own (one phone number is one customer's): C-1's is +919812345678.</summary>
    public static string PhoneOf(string id)
    {
        var hash = id.Aggregate(17L, (h, c) => ((h * 31) + c) % 1_000_000_000);
        return id == "C-1" ? "+919812345678" : $"+919{hash:D9}";
    }

    public static TransactionInput Transaction(string id = "T-1", string customerId = "C-1") => new()
    {
        TransactionId = id,
        CustomerId = customerId,
        Timestamp = Now.AddHours(-1),
        Amount = 1_250.50m,
        Type = "purchase",
        MerchantCategory = "5411",
        MerchantId = "M-77",
        Channel = "pos",
    };

    public static StatementInput Statement(string customerId = "C-1", DateOnly? date = null) => new()
    {
        CustomerId = customerId,
        StatementDate = date ?? new DateOnly(2026, 2, 1),
        CreditLimit = 150_000m,
        Balance = 42_000m,
        MinimumDue = 2_100m,
        DueDate = new DateOnly(2026, 2, 21),
        AmountPaid = 2_100m,
        PaidOn = new DateOnly(2026, 2, 20),
        DaysPastDue = 0,
    };
}
