using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Identity;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Tests.Persistence.Mongo;

/// <summary>Small builders for the Mongo-specific tests; times are whole milliseconds, as the stores keep them.</summary>
internal static class MongoTestData
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public static Customer Customer(string id, string phone = "+919812345678") => new()
    {
        Id = id,
        FullName = "Asha Rao",
        Phone = phone,
        WhatsAppOptIn = true,
        WhatsAppOptInAt = T0,
        CreditLimit = 150000.75m,
        OpenedOn = new DateOnly(2019, 7, 1),
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    public static Transaction Transaction(string id, string customerId = "c1", int minutes = 0) => new()
    {
        Id = id,
        CustomerId = customerId,
        Timestamp = T0.AddMinutes(minutes),
        Amount = 1234.56m,
        Type = TransactionType.CashWithdrawal,
        MerchantCategory = "6011",
        Channel = "atm",
        ReceivedAt = T0.AddMinutes(minutes).AddSeconds(1),
    };

    public static Statement Statement(string customerId, DateOnly date) => new()
    {
        Id = Core.Statements.Statement.KeyFor(customerId, date),
        CustomerId = customerId,
        StatementDate = date,
        CreditLimit = 100000m,
        Balance = 95000.10m,
        MinimumDue = 4750.01m,
        DueDate = date.AddDays(20),
        AmountPaid = 4750.01m,
        PaidOn = date.AddDays(19),
        DaysPastDue = 0,
        ReceivedAt = T0,
    };

    public static RiskAssessment Assessment(string id, string customerId, RiskBand band, double? probability, int minutes = 0) => new()
    {
        Id = id,
        CustomerId = customerId,
        AssessedAt = T0.AddMinutes(minutes),
        Trigger = "transaction",
        Features = [new FeatureValue("utilisation", 0.93), new FeatureValue("spend_drop_30d", null)],
        LogisticProbability = probability,
        TreeProbability = probability,
        EnsembleProbability = probability,
        ModelBand = probability is null ? null : band,
        RuleBand = band,
        Band = band,
        PreviousBand = RiskBand.Low,
        RuleHits = [new RuleHit("utilisation-high", RiskBand.High, "Utilisation above 90%")],
        Reasons = ["Utilisation above 90%"],
        ModelVersion = probability is null ? null : "m1",
    };

    public static Alert Alert(string id, string? escalationKey, AlertStatus status = AlertStatus.Pending, int minutes = 0) => new()
    {
        Id = id,
        CustomerId = "c1",
        Reason = "Utilisation above 90%",
        TemplateName = "risk_alert",
        Status = status,
        TriggeredBy = "pipeline",
        EscalationKey = escalationKey,
        CreatedAt = T0.AddMinutes(minutes),
        UpdatedAt = T0.AddMinutes(minutes),
    };

    public static AppUser User(string id, string userName) => new()
    {
        Id = id,
        UserName = userName,
        NormalizedUserName = userName.ToUpperInvariant(),
        Email = $"{userName}@example.test",
        NormalizedEmail = $"{userName}@example.test".ToUpperInvariant(),
        PhoneNumber = "+919800000001",
        Roles = ["ADMIN"],
        CreatedAt = T0,
    };
}
