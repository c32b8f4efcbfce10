using CreditRisk.Core.Features;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Tests.Scoring;

public sealed class ReasonPhrasesTests
{
    [Fact]
    public void Describe_EveryEngineFeature_HasAPhrase()
    {
        foreach (var feature in FeatureNames.Ordered)
        {
            Assert.True(ReasonPhrases.Has(feature), feature);
            Assert.False(string.IsNullOrWhiteSpace(ReasonPhrases.Describe(feature, 1)));
        }
    }

    [Theory]
    [InlineData(FeatureNames.CashWithdrawalPct30d, 46.4, "Cash withdrawals are 46% of your spending")]
    [InlineData(FeatureNames.UtilisationPct, 92.6, "Your balance is 93% of your credit limit")]
    [InlineData(FeatureNames.OverLimitCount90d, 3, "Your balance was over your credit limit on 3 days with card activity in the last 90 days")]
    [InlineData(FeatureNames.SpendChangePct30d, -61.0, "Your card spending fell 61% compared with the month before")]
    [InlineData(FeatureNames.MinDueOnlyStreak, 3, "You have paid the minimum due or less for 3 statements in a row")]
    [InlineData(FeatureNames.MinDueOnlyStreak, 1, "You have paid the minimum due or less for 1 statement in a row")]
    [InlineData(FeatureNames.PaymentRatio, 0.05, "Your last payment covered 5% of your statement balance")]
    [InlineData(FeatureNames.DelinquentCycles6m, 1, "1 statement in the last 6 months was past due")]
    [InlineData(FeatureNames.BalanceAmount, 48_250.4, "Your balance is 48,250")]
    [InlineData(FeatureNames.PaymentAmount30d, 0, "You have made no payment in the latest month")]
    [InlineData(FeatureNames.PaymentAmount30d, 1_200, "You paid 1,200 in the latest month")]
    [InlineData(FeatureNames.MerchantMixIndex30d, 0.301, "Your spending is concentrated in few kinds of shops (variety score 0.30 out of 1)")]
    public void Describe_Value_PhrasesItForPeople(string feature, double value, string expected)
    {
        Assert.Equal(expected, ReasonPhrases.Describe(feature, value));
    }

    [Fact]
    public void Describe_MissingValueOrUnknownFeature_IsNull()
    {
        Assert.Null(ReasonPhrases.Describe(FeatureNames.UtilisationPct, null));
        Assert.Null(ReasonPhrases.Describe("no_such_feature", 1));
    }
}
