using CreditRisk.Core.Features;

namespace CreditRisk.Tests.Scoring;

/// <summary>
/// Seeded feature vectors with realistic ranges, missing values and a known signal (utilisation, cash share,
/// minimum-due streak and days past due raise the odds), for model tests that need no CSV files.
/// </summary>
internal static class SyntheticVectors
{
    public static (List<double?[]> Rows, List<bool> Labels) Create(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<double?[]>(count);
        var labels = new List<bool>(count);
        for (var i = 0; i < count; i++)
        {
            var row = new double?[FeatureIndex.Count];
            var stress = random.NextDouble();
            row[FeatureIndex.UtilisationPct] = Math.Clamp((stress * 90) + (random.NextDouble() * 30), 0, 130);
            row[FeatureIndex.OverLimitCount90d] = stress > 0.8 ? random.Next(0, 6) : 0;
            row[FeatureIndex.SpendChangePct30d] = random.NextDouble() < 0.1 ? null : ((random.NextDouble() - 0.5) * 80) - (stress * 40);
            row[FeatureIndex.MerchantMixIndex30d] = random.NextDouble() < 0.05 ? null : Math.Clamp(0.8 - (stress * 0.4) + ((random.NextDouble() - 0.5) * 0.3), 0, 1);
            row[FeatureIndex.MerchantMixChangePct30d] = random.NextDouble() < 0.15 ? null : (random.NextDouble() - 0.5) * 60;
            row[FeatureIndex.CashWithdrawalPct30d] = random.NextDouble() < 0.05 ? null : Math.Clamp((stress * 50) + ((random.NextDouble() - 0.5) * 30), 0, 100);
            row[FeatureIndex.MinDueOnlyStreak] = random.NextDouble() < 0.2 ? null : Math.Round(stress * random.NextDouble() * 5);
            row[FeatureIndex.MinDuePaidFreq6c] = random.NextDouble() < 0.2 ? null : Math.Clamp(stress * random.NextDouble(), 0, 1);
            row[FeatureIndex.PaymentRatio] = random.NextDouble() < 0.1 ? null : Math.Clamp(1 - stress + ((random.NextDouble() - 0.5) * 0.4), 0, 1);
            row[FeatureIndex.PaymentStabilityCv] = random.NextDouble() < 0.3 ? null : random.NextDouble() * 1.5;
            row[FeatureIndex.SpendVolatilityCv] = random.NextDouble() < 0.3 ? null : random.NextDouble();
            row[FeatureIndex.MaxDpd6m] = stress > 0.85 && random.NextDouble() < 0.5 ? random.Next(1, 40) : 0;
            row[FeatureIndex.DelinquentCycles6m] = row[FeatureIndex.MaxDpd6m] > 0 ? random.Next(1, 3) : 0;
            row[FeatureIndex.PurchaseCount30d] = random.Next(0, 30);
            row[FeatureIndex.PurchaseCountPrev30d] = random.NextDouble() < 0.1 ? null : random.Next(0, 30);
            var logit = -4 + (5 * stress) + (row[FeatureIndex.MaxDpd6m] > 0 ? 1.5 : 0) + ((random.NextDouble() - 0.5) * 2);
            rows.Add(row);
            labels.Add(random.NextDouble() < 1 / (1 + Math.Exp(-logit)));
        }

        return (rows, labels);
    }
}
