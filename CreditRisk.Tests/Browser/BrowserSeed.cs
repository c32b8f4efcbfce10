using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Browser;

/// <summary>A small but realistic portfolio for screenshots: every band, band changes over 30 days, alerts in every state.</summary>
public static class BrowserSeed
{
    public const string SendableCustomerId = "c-1001";
    public const string NoOptInCustomerId = "c-1002";

    /// <summary>Has six months of statements and card use behind its assessments (phone +919810001004).</summary>
    public const string HistoryCustomerId = "c-1004";

    /// <summary>The version the seeded scores name: a score without one is a rules-only stand-in, shown as "Rules only".</summary>
    public const string ModelVersion = "20261126-090000-c0de";

    private static readonly string[] s_names =
        ["Asha Verma", "Rahul Mehta", "Priya Nair", "Vikram Rao", "Neha Kapoor", "Arjun Singh", "Kavya Iyer", "Rohan Das",
         "Meera Joshi", "Sanjay Gupta", "Anita Bose", "Kiran Patel", "Deepa Menon", "Amit Shah", "Sunita Reddy", "Farhan Ali"];

    private static readonly string[] s_reasons =
        ["Utilisation is 94% of the limit", "Cash withdrawals are 52% of spending", "Spending fell 68% in 30 days",
         "Only the minimum due was paid for 3 cycles", "Merchant mix collapsed to 2 categories"];

    public static async Task PortfolioAsync(CreditRiskWebFactory app)
    {
        var now = DateTimeOffset.UtcNow;
        var random = new Random(7);
        var customers = new List<Customer>();
        var assessments = new List<RiskAssessment>();
        var alerts = new List<Alert>();
        for (var i = 0; i < 60; i++)
        {
            var id = $"c-{1001 + i}";
            var high = i < 18;
            var band = high ? RiskBand.High : i < 33 ? RiskBand.Medium : RiskBand.Low;
            var score = band switch
            {
                RiskBand.High => 0.72 + (random.NextDouble() * 0.27),
                RiskBand.Medium => 0.35 + (random.NextDouble() * 0.3),
                _ => random.NextDouble() * 0.3,
            };
            customers.Add(new Customer
            {
                Id = id, FullName = s_names[i % s_names.Length], Phone = $"+9198100{1001 + i:D5}",
                WhatsAppOptIn = id != NoOptInCustomerId, WhatsAppOptInAt = id != NoOptInCustomerId ? now.AddDays(-200) : null,
                CreditLimit = 50_000m + (i * 5_000m), OpenedOn = new DateOnly(2021, 1 + (i % 12), 1 + (i % 27)), CreatedAt = now.AddDays(-400), UpdatedAt = now,
            });
            var previous = high && i % 2 == 0 ? RiskBand.Medium : i % 7 == 0 ? RiskBand.Low : band;
            var earlier = now.AddDays(-25 + (i % 20)).AddHours(-i);
            assessments.Add(new RiskAssessment
            {
                Id = id + "-a1", CustomerId = id, AssessedAt = earlier.AddDays(-10), Trigger = "rescore", Band = previous,
                PreviousBand = null, EnsembleProbability = Math.Max(0.01, score - 0.2), ModelVersion = ModelVersion, Reasons = [s_reasons[i % s_reasons.Length]],
            });
            assessments.Add(new RiskAssessment
            {
                Id = id + "-a2", CustomerId = id, AssessedAt = earlier, Trigger = "transaction", Band = band, PreviousBand = previous,
                EnsembleProbability = score, ModelVersion = ModelVersion, Reasons = [s_reasons[i % s_reasons.Length], s_reasons[(i + 1) % s_reasons.Length]],
            });
            if (high && id != SendableCustomerId && id != NoOptInCustomerId)
            {
                var status = (AlertStatus)(i % 4);
                alerts.Add(new Alert
                {
                    Id = id + "-al", CustomerId = id, Reason = s_reasons[i % s_reasons.Length], TemplateName = "high_risk_alert",
                    Status = status, TriggeredBy = "pipeline", CreatedAt = earlier, UpdatedAt = earlier.AddMinutes(5),
                    SentAt = status == AlertStatus.Pending ? null : earlier.AddMinutes(1), ProviderMessageId = $"wamid.seed.{i}",
                });
            }
        }

        await app.Store.Customers.UpsertManyAsync(customers);
        await app.Store.Assessments.AddManyAsync(assessments);
        foreach (var alert in alerts)
        {
            await app.Store.Alerts.TryAddAsync(alert);
        }

        await CardHistoryAsync(app, HistoryCustomerId);
    }

    /// <summary>
    /// Six months of statements and card use for one customer, sent through the real ingestion service so the
    /// pipeline builds the profile and assesses them, as it would for a bank's feed: the dashboard and drill-down
    /// then show utilisation, spend trend, transactions and statements rather than empty states.
    /// </summary>
    private static async Task CardHistoryAsync(CreditRiskWebFactory app, string customerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var ingestion = scope.ServiceProvider.GetRequiredService<IngestionService>();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var statements = new List<StatementInput>();
        for (var month = 6; month >= 1; month--)
        {
            var statementDate = today.AddMonths(-month);
            var balance = 20_000m + ((6 - month) * 5_000m);
            statements.Add(new StatementInput
            {
                CustomerId = customerId, StatementDate = statementDate, CreditLimit = 50_000m, Balance = balance,
                MinimumDue = balance * 0.05m, DueDate = statementDate.AddDays(20),
                AmountPaid = month > 3 ? balance * 0.3m : balance * 0.05m, PaidOn = statementDate.AddDays(18), DaysPastDue = 0,
            });
        }

        Assert.True((await ingestion.IngestStatementsAsync(statements)).Accepted);

        var now = app.Clock.GetUtcNow();
        string[] categories = ["5411", "5812", "5541", "4121", "5999"];
        var transactions = Enumerable.Range(0, 90).Select(i => new TransactionInput
        {
            TransactionId = $"{customerId}-t{i:D3}", CustomerId = customerId, Timestamp = now.AddDays(-(i * 2) - 1),
            Amount = i % 9 == 0 ? 4_000m : 600m + (i * 37 % 900),
            Type = i % 9 == 0 ? "cash_withdrawal" : "purchase",
            MerchantCategory = categories[i % categories.Length], Channel = i % 3 == 0 ? "online" : "pos",
        }).ToList();
        Assert.True((await ingestion.IngestTransactionsAsync(transactions)).Accepted);
    }
}
