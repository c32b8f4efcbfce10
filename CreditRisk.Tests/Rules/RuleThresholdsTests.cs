using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;

namespace CreditRisk.Tests.Rules;

public sealed class RuleThresholdsTests
{
    [Fact]
    public void Compare_ValuesAroundThresholds_MarksOnlyBreachesAndKeepsEngineOrder()
    {
        var features = new List<FeatureValue>
        {
            new(FeatureNames.CashWithdrawalPct30d, 40),
            new(FeatureNames.UtilisationPct, 90.5),
            new(FeatureNames.SpendChangePct30d, -61),
            new(FeatureNames.MerchantMixChangePct30d, null),
        };

        var checks = RuleThresholds.Compare(features, new RuleSettings());

        Assert.Equal(FeatureNames.Ordered, checks.Select(c => c.Feature));
        var byName = checks.ToDictionary(c => c.Feature);
        Assert.True(byName[FeatureNames.UtilisationPct].Breached);
        Assert.Equal("above 90%", byName[FeatureNames.UtilisationPct].Threshold);
        Assert.False(byName[FeatureNames.CashWithdrawalPct30d].Breached);
        Assert.True(byName[FeatureNames.SpendChangePct30d].Breached);
        Assert.Equal("a fall of more than 60%", byName[FeatureNames.SpendChangePct30d].Threshold);
        Assert.False(byName[FeatureNames.MerchantMixChangePct30d].Breached);
        Assert.Null(byName[FeatureNames.MaxDpd6m].Threshold);
        Assert.Null(byName[FeatureNames.MaxDpd6m].Value);
    }

    [Fact]
    public void Compare_ChangedSettings_UsesThem()
    {
        var checks = RuleThresholds.Compare([new FeatureValue(FeatureNames.UtilisationPct, 85)], new RuleSettings { UtilisationHighPct = 80 });

        var utilisation = checks.Single(c => c.Feature == FeatureNames.UtilisationPct);
        Assert.True(utilisation.Breached);
        Assert.Equal(RuleIds.UtilisationHigh, utilisation.RuleId);
        Assert.Equal("above 80%", utilisation.Threshold);
    }
}
