using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;

namespace CreditRisk.Tests.Rules;

public sealed class RuleEngineTests
{
    private static readonly RuleSettings Defaults = new();

    [Fact]
    public void Evaluate_UtilisationAboveThreshold_HighWithReason()
    {
        var result = RuleEngine.Evaluate(Vector(v => v[FeatureIndex.UtilisationPct] = 94.2), Defaults);

        Assert.Equal(RiskBand.High, result.Band);
        var hit = Assert.Single(result.Hits);
        Assert.Equal(RuleIds.UtilisationHigh, hit.RuleId);
        Assert.Equal("Utilisation 94% is above 90%", hit.Reason);
    }

    [Fact]
    public void Evaluate_UtilisationExactlyAtThreshold_NoHit()
    {
        var result = RuleEngine.Evaluate(Vector(v => v[FeatureIndex.UtilisationPct] = 90), Defaults);

        Assert.Equal(RiskBand.Low, result.Band);
        Assert.Empty(result.Hits);
    }

    [Fact]
    public void Evaluate_UtilisationJustAbove_ReasonShowsTheDifference()
    {
        var result = RuleEngine.Evaluate(Vector(v => v[FeatureIndex.UtilisationPct] = 90.4), Defaults);

        Assert.Equal("Utilisation 90.4% is above 90%", Assert.Single(result.Hits).Reason);
    }

    [Fact]
    public void Evaluate_UtilisationAboveByAHairsBreadth_ReasonStillShowsAValueAboveTheThreshold()
    {
        // A limit of 100,000.00 and a balance of 90,000.03: 90.00003% fires the rule.
        var result = RuleEngine.Evaluate(Vector(v => v[FeatureIndex.UtilisationPct] = 90_000.03 / 100_000 * 100), Defaults);

        Assert.Equal("Utilisation 90.00003% is above 90%", Assert.Single(result.Hits).Reason);
    }

    [Fact]
    public void Evaluate_CashShareAboveThreshold_High()
    {
        var result = RuleEngine.Evaluate(Vector(v => v[FeatureIndex.CashWithdrawalPct30d] = 45), Defaults);

        Assert.Equal(RiskBand.High, result.Band);
        Assert.Equal("Cash withdrawals are 45% of spend in the last 30 days, above 40%", Assert.Single(result.Hits).Reason);
    }

    [Fact]
    public void Evaluate_SpendDropAboveThreshold_Medium()
    {
        var result = RuleEngine.Evaluate(Vector(v => v[FeatureIndex.SpendChangePct30d] = -72), Defaults);

        Assert.Equal(RiskBand.Medium, result.Band);
        Assert.Equal("Spend fell 72% in the last 30 days versus the 30 days before, more than 60%", Assert.Single(result.Hits).Reason);
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(-10)]
    [InlineData(80)]
    public void Evaluate_SpendChangeNotBelowMinusThreshold_NoHit(double change)
    {
        Assert.Empty(RuleEngine.Evaluate(Vector(v => v[FeatureIndex.SpendChangePct30d] = change), Defaults).Hits);
    }

    [Fact]
    public void Evaluate_MinimumDueOnlyThreeCycles_Medium()
    {
        var result = RuleEngine.Evaluate(
            Vector(v => { v[FeatureIndex.MinDueOnlyStreak] = 3; v[FeatureIndex.UtilisationPct] = 60; }), Defaults);

        Assert.Equal(RiskBand.Medium, result.Band);
        Assert.Equal("Only the minimum due or less was paid for 3 consecutive cycles (more than 2)", Assert.Single(result.Hits).Reason);
    }

    [Fact]
    public void Evaluate_MinimumDueOnlyWithHighUtilisation_High()
    {
        var result = RuleEngine.Evaluate(
            Vector(v => { v[FeatureIndex.MinDueOnlyStreak] = 3; v[FeatureIndex.UtilisationPct] = 80; }), Defaults);

        Assert.Equal(RiskBand.High, result.Band);
        Assert.Equal(
            "Only the minimum due or less was paid for 3 consecutive cycles (more than 2) with utilisation 80% above 75%",
            Assert.Single(result.Hits).Reason);
    }

    [Fact]
    public void Evaluate_MinimumDueOnlyTwoCycles_NoHit()
    {
        Assert.Empty(RuleEngine.Evaluate(Vector(v => { v[FeatureIndex.MinDueOnlyStreak] = 2; v[FeatureIndex.UtilisationPct] = 80; }), Defaults).Hits);
    }

    [Fact]
    public void Evaluate_MerchantMixCrashWithEnoughPreviousPurchases_Medium()
    {
        var result = RuleEngine.Evaluate(
            Vector(v => { v[FeatureIndex.MerchantMixChangePct30d] = -60; v[FeatureIndex.PurchaseCountPrev30d] = 12; }), Defaults);

        Assert.Equal(RiskBand.Medium, result.Band);
        Assert.Equal("Merchant mix index fell 60% versus the previous 30 days, more than 50%", Assert.Single(result.Hits).Reason);
    }

    [Fact]
    public void Evaluate_MerchantMixCrashWithFewPreviousPurchases_NoHit()
    {
        Assert.Empty(RuleEngine.Evaluate(
            Vector(v => { v[FeatureIndex.MerchantMixChangePct30d] = -60; v[FeatureIndex.PurchaseCountPrev30d] = 4; }), Defaults).Hits);
    }

    [Fact]
    public void Evaluate_MerchantMixCrashWithPurchaseCountMissing_NoHit()
    {
        Assert.Empty(RuleEngine.Evaluate(Vector(v => v[FeatureIndex.MerchantMixChangePct30d] = -90), Defaults).Hits);
    }

    [Fact]
    public void Evaluate_AllFeaturesMissing_NoHit()
    {
        var result = RuleEngine.Evaluate(new double?[FeatureIndex.Count], new RuleSettings { UtilisationHighPct = 1, MinimumDueOnlyCycles = 1 });

        Assert.Same(RuleEvaluation.None, result);
    }

    [Fact]
    public void Evaluate_SeveralRules_HighHitsFirst()
    {
        var result = RuleEngine.Evaluate(
            Vector(v =>
            {
                v[FeatureIndex.SpendChangePct30d] = -70;
                v[FeatureIndex.CashWithdrawalPct30d] = 50;
                v[FeatureIndex.UtilisationPct] = 95;
            }),
            Defaults);

        Assert.Equal(RiskBand.High, result.Band);
        Assert.Equal([RuleIds.UtilisationHigh, RuleIds.CashWithdrawalHigh, RuleIds.SpendDrop], result.Hits.Select(h => h.RuleId));
    }

    [Fact]
    public void Evaluate_ChangedThreshold_UsesIt()
    {
        var result = RuleEngine.Evaluate(Vector(v => v[FeatureIndex.UtilisationPct] = 86), new RuleSettings { UtilisationHighPct = 85 });

        Assert.Equal("Utilisation 86% is above 85%", Assert.Single(result.Hits).Reason);
    }

    private static double?[] Vector(Action<double?[]> set)
    {
        var vector = new double?[FeatureIndex.Count];
        set(vector);
        return vector;
    }
}
