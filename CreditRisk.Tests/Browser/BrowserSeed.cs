using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Api;

namespace CreditRisk.Tests.Browser;

/// <summary>A small but realistic portfolio for screenshots: every band, band changes over 30 days, alerts in every state.</summary>
public static class BrowserSeed
{
    public const string SendableCustomerId = "c-1001";
    public const string NoOptInCustomerId = "c-1002";

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
                PreviousBand = null, EnsembleProbability = Math.Max(0.01, score - 0.2), Reasons = [s_reasons[i % s_reasons.Length]],
            });
            assessments.Add(new RiskAssessment
            {
                Id = id + "-a2", CustomerId = id, AssessedAt = earlier, Trigger = "transaction", Band = band, PreviousBand = previous,
                EnsembleProbability = score, Reasons = [s_reasons[i % s_reasons.Length], s_reasons[(i + 1) % s_reasons.Length]],
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
    }
}
