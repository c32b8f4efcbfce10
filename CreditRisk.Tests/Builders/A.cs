using CreditRisk.Core.Alerts;
using CreditRisk.Core.Audit;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Features;
using CreditRisk.Core.Identity;
using CreditRisk.Core.Messaging;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Cutoffs;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Tests.Builders;

/// <summary>
/// Test data with every field filled (optional ones included), so round-trip tests notice a field the store drops.
/// Tweak with <c>with { ... }</c>: <c>A.Customer("c1") with { Phone = "+15550001" }</c>.
/// All times are UTC with millisecond precision, as the stores keep them.
/// </summary>
public static class A
{
    /// <summary>A fixed "now" with a non-zero millisecond part.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 15, 30, 123, TimeSpan.Zero);

    public static Customer Customer(string id = "cust-1", string phone = "+919812345678") => new()
    {
        Id = id,
        FullName = "Asha Verma",
        Phone = phone,
        WhatsAppOptIn = true,
        WhatsAppOptInAt = Now.AddDays(-30).AddMilliseconds(7),
        CreditLimit = 150_000.55m,
        OpenedOn = new DateOnly(2021, 7, 14),
        CreatedAt = Now.AddDays(-400),
        UpdatedAt = Now.AddHours(-1),
    };

    public static Transaction Transaction(
        string id = "tx-1",
        string customerId = "cust-1",
        DateTimeOffset? at = null,
        decimal amount = 1_234.56m,
        TransactionType type = TransactionType.Purchase) => new()
    {
        Id = id,
        CustomerId = customerId,
        Timestamp = at ?? Now,
        Amount = amount,
        Type = type,
        MerchantCategory = "5411",
        MerchantId = "m-00042",
        Channel = "contactless",
        ReceivedAt = (at ?? Now).AddSeconds(2),
    };

    public static Statement Statement(string customerId = "cust-1", DateOnly? date = null)
    {
        var statementDate = date ?? new DateOnly(2026, 2, 15);
        return new()
        {
            Id = Core.Statements.Statement.KeyFor(customerId, statementDate),
            CustomerId = customerId,
            StatementDate = statementDate,
            CreditLimit = 150_000m,
            Balance = 98_765.43m,
            MinimumDue = 4_938.27m,
            DueDate = statementDate.AddDays(20),
            AmountPaid = 4_938.27m,
            PaidOn = statementDate.AddDays(18),
            DaysPastDue = 0,
            ReceivedAt = Now,
        };
    }

    public static BehaviorProfile Profile(string customerId = "cust-1") => new()
    {
        CustomerId = customerId,
        Version = 0,
        UpdatedAt = Now,
        FirstTransactionDay = new DateOnly(2025, 6, 1),
        LastTransactionDay = new DateOnly(2026, 3, 2),
        PrunedThrough = new DateOnly(2025, 9, 1),
        TransactionCount = 1_234,
        NetBalance = -12_345.67m,
        Days =
        [
            new DailyActivity
            {
                Day = new DateOnly(2026, 3, 1),
                Purchases = 2_500.10m,
                PurchaseCount = 3,
                CashWithdrawals = 10_000m,
                CashWithdrawalCount = 1,
                Payments = 5_000m,
                PaymentCount = 2,
                Refunds = 99.99m,
                FeesAndInterest = 12.34m,
                MerchantCategoryCounts = CategoryCounts.Of(("5411", 2), ("5812", 1)),
            },
            new DailyActivity { Day = new DateOnly(2026, 3, 2), Purchases = 0.01m, PurchaseCount = 1 },
        ],
        Cycles =
        [
            new CycleSummary
            {
                StatementDate = new DateOnly(2026, 2, 15),
                CreditLimit = 150_000m,
                Balance = 98_765.43m,
                MinimumDue = 4_938.27m,
                DueDate = new DateOnly(2026, 3, 7),
                AmountPaid = 4_938.27m,
                DaysPastDue = 3,
            },
            new CycleSummary
            {
                StatementDate = new DateOnly(2026, 1, 15),
                CreditLimit = 150_000m,
                Balance = 1m,
                MinimumDue = null,
                AmountPaid = 0m,
                DaysPastDue = 0,
            },
        ],
    };

    public static RiskAssessment Assessment(
        string id = "ra-1",
        string customerId = "cust-1",
        DateTimeOffset? at = null,
        RiskBand band = RiskBand.High,
        double? probability = 0.87) => new()
    {
        Id = id,
        CustomerId = customerId,
        AssessedAt = at ?? Now,
        Trigger = "transaction",
        Features = [new FeatureValue("utilisation_pct", 93.5), new FeatureValue("spend_change_pct", null)],
        LogisticProbability = probability is null ? null : 0.81,
        TreeProbability = probability is null ? null : 0.96,
        EnsembleProbability = probability,
        ModelBand = probability is null ? null : band,
        RuleBand = RiskBand.Medium,
        Band = band,
        PreviousBand = RiskBand.Low,
        RuleHits = [new RuleHit("utilisation-over-90", RiskBand.High, "Utilisation is 93.5% of the limit")],
        Reasons = ["Utilisation is 93.5% of the limit", "Spending fell 64% in 30 days"],
        ModelVersion = probability is null ? null : "20260301-101500-a1b2",
    };

    public static Alert Alert(
        string id = "al-1",
        string customerId = "cust-1",
        DateTimeOffset? createdAt = null,
        AlertStatus status = AlertStatus.Pending,
        string? escalationKey = null) => new()
    {
        Id = id,
        CustomerId = customerId,
        Reason = "Utilisation is 93.5% of the limit",
        TemplateName = "risk_high_v1",
        Status = status,
        Attempts = 1,
        ProviderMessageId = "wamid." + id,
        TriggeredBy = "pipeline",
        EscalationKey = escalationKey,
        CreatedAt = createdAt ?? Now,
        UpdatedAt = (createdAt ?? Now).AddMinutes(1),
        SentAt = (createdAt ?? Now).AddSeconds(30),
        DeliveredAt = (createdAt ?? Now).AddSeconds(31),
        ReadAt = (createdAt ?? Now).AddMinutes(5),
        FailedAt = null,
        FailureReason = "none yet",
        UsedFallbackTemplate = true,
        NotBefore = (createdAt ?? Now).AddHours(8),
        SendingAt = (createdAt ?? Now).AddSeconds(29),
    };

    public static ModelVersion ModelVersion(string id = "20260301-101500-a1b2", DateTimeOffset? createdAt = null, int size = 1024) => new()
    {
        Id = id,
        CreatedAt = createdAt ?? Now,
        CreatedBy = "analyst@bank.test",
        IsChampion = false,
        PromotedAt = null,
        ModelBytes = Bytes(size, seed: id.GetHashCode(StringComparison.Ordinal)),
        FeatureNames = ["utilisation_pct", "cash_withdrawal_pct", "spend_change_pct"],
        Metrics = new()
        {
            ["logistic"] = new() { ["auc"] = 0.91, ["accuracy"] = 0.867 },
            ["tree"] = new() { ["auc"] = 0.93 },
        },
        TrainingSummary = new() { ["rows"] = "12000", ["positives"] = "1450", ["from"] = "2025-01-01" },
    };

    /// <summary>A short ROC curve and a three-bin reliability table (the real ones have up to 101 points and ten bins).</summary>
    public static ModelCurves ModelCurves() => new()
    {
        Roc =
        [
            new() { FalsePositiveRate = 0, TruePositiveRate = 0 },
            new() { FalsePositiveRate = 0.1, TruePositiveRate = 0.55 },
            new() { FalsePositiveRate = 0.35, TruePositiveRate = 0.875 },
            new() { FalsePositiveRate = 1, TruePositiveRate = 1 },
        ],
        Calibration =
        [
            new() { Lower = 0, Upper = 0.1, Count = 120, MeanPredicted = 0.04, ObservedRate = 0.05 },
            new() { Lower = 0.1, Upper = 0.2, Count = 0, MeanPredicted = 0, ObservedRate = 0 },
            new() { Lower = 0.2, Upper = 0.3, Count = 30, MeanPredicted = 0.26, ObservedRate = 0.3 },
        ],
    };

    /// <summary>Curves of every model of a version, each a little apart so a mix-up between models shows.</summary>
    public static Dictionary<string, ModelCurves> CurvesByModel() => new()
    {
        [ModelNames.Logistic] = ModelCurves() with { Roc = [.. ModelCurves().Roc.Select(p => p with { TruePositiveRate = p.TruePositiveRate * 0.9 })] },
        [ModelNames.Tree] = ModelCurves() with { Calibration = [.. ModelCurves().Calibration.Select(b => b with { ObservedRate = b.ObservedRate / 2 })] },
        [ModelNames.Ensemble] = ModelCurves(),
        [ModelNames.Challenger] = ModelCurves() with { Roc = [.. ModelCurves().Roc.Take(2)] },
    };

    /// <summary>Cut-offs chosen from the default budget on a 6,000-row hold-out, with a note as a real one may carry.</summary>
    public static ChosenCutoffs ChosenCutoffs() => new()
    {
        MediumFrom = 0.0563,
        HighFrom = 0.1546,
        Basis = CutoffBasis.Budget,
        HighAlertsPer1000PerMonth = 25,
        WatchListShare = 0.10,
        HoldoutHighAlertsPer1000PerMonth = 24.89,
        HoldoutWatchListShare = 0.0999,
        HoldoutHighShare = 0.0296,
        HoldoutRows = 6108,
        HoldoutCustomers = 892,
        Note = "one row per customer: every High row counts as an alert",
    };

    /// <summary>Three points of a budget curve, the strictest without a cut-off.</summary>
    public static List<BudgetCurvePoint> BudgetCurve() =>
    [
        new() { Budget = 1 },
        new() { Budget = 25, HighFrom = 0.1546, AlertsPer1000PerMonth = 24.89, BadRowsFlaggedHigh = 0.3241, GoodCustomersEverHigh = 0.1064 },
        new() { Budget = 50, HighFrom = 0.0859, AlertsPer1000PerMonth = 49.93, BadRowsFlaggedHigh = 0.4276, GoodCustomersEverHigh = 0.2467 },
    ];

    public static AppUser User(string id = "user-1", string userName = "asha") => new()
    {
        Id = id,
        UserName = userName,
        NormalizedUserName = userName.ToUpperInvariant(),
        Email = userName + "@bank.test",
        NormalizedEmail = (userName + "@bank.test").ToUpperInvariant(),
        EmailConfirmed = true,
        PasswordHash = "AQAAAAIAAYagAAAAE" + id,
        SecurityStamp = "SEC-" + id,
        ConcurrencyStamp = "stamp-1",
        PhoneNumber = "+919812345678",
        PhoneNumberConfirmed = true,
        TwoFactorEnabled = false,
        LockoutEnd = Now.AddMinutes(15),
        LockoutEnabled = true,
        AccessFailedCount = 2,
        Roles = ["ANALYST", "ADMIN"],
        CustomerId = "cust-1",
        IsDisabled = false,
        CreatedAt = Now.AddDays(-3),
        WelcomeSentAt = null,
    };

    public static AppRole Role(string id = "role-1", string name = "Analyst") => new()
    {
        Id = id,
        Name = name,
        NormalizedName = name.ToUpperInvariant(),
        ConcurrencyStamp = "role-stamp-" + id,
    };

    public static ApiKey ApiKey(string id = "key-1", string? keyHash = null, DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        Name = "core-banking " + id,
        KeyHash = keyHash ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))),
        Prefix = "crk_" + id[..Math.Min(4, id.Length)],
        CreatedAt = createdAt ?? Now,
        CreatedBy = "admin",
        RevokedAt = null,
        LastUsedAt = null,
    };

    public static AuditEntry AuditEntry(string id = "au-1", DateTimeOffset? at = null, string action = "rules.threshold.changed") => new()
    {
        Id = id,
        At = at ?? Now,
        Actor = "admin",
        Action = action,
        Target = "utilisation-over-90",
        OldValue = "90",
        NewValue = "85",
        Details = "Lowered after the March review",
    };

    public static DevelopmentMessage DevelopmentMessage(string id = "wamid.dev.1", string to = "+919812345678", DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        To = to,
        TemplateName = "creditrisk_otp",
        LanguageCode = "en_US",
        BodyParameters = ["493021"],
        ButtonParameter = "493021",
        CallbackData = "al-1",
        UsedFallbackTemplate = true,
        CreatedAt = createdAt ?? Now,
    };

    public static InboundMessage InboundMessage(string id = "wamid.in.1", string? customerId = "cust-1", DateTimeOffset? receivedAt = null) => new()
    {
        Id = id,
        From = "+919812345678",
        CustomerId = customerId,
        ReceivedAt = receivedAt ?? Now,
        Type = "text",
        Text = "Please call me",
        InReplyToMessageId = "wamid.al-1",
        AlertId = "al-1",
        StoredAt = (receivedAt ?? Now).AddSeconds(1),
    };

    /// <summary>Deterministic pseudo-random bytes.</summary>
    public static byte[] Bytes(int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
