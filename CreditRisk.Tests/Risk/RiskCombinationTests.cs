using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;

namespace CreditRisk.Tests.Risk;

public sealed class RiskCombinationTests
{
    private static RuleSignals Rules(int confirmed = 0, bool anyHigh = false, bool pastDue = false, bool hardFact = false) =>
        new(confirmed, anyHigh, pastDue, hardFact);

    [Theory]
    [InlineData(RiskBand.Low)]
    [InlineData(RiskBand.Medium)]
    public void Combine_OneMediumRuleWithAModel_IsNotHigh(RiskBand model)
    {
        Assert.NotEqual(RiskBand.High, RiskCombination.Combine(model, Rules(1), previous: null));
    }

    [Fact]
    public void Combine_OneHighRuleAgainstALowModel_IsNotHigh()
    {
        // The seed's behaviour made one utilisation or cash reading High whatever the model said.
        Assert.Equal(RiskBand.Low, RiskCombination.Combine(RiskBand.Low, Rules(1, anyHigh: true), previous: null));
    }

    [Fact]
    public void Combine_RulesAloneWithoutAModel_TheConfirmedRulesBand()
    {
        Assert.Equal(RiskBand.High, RiskCombination.Combine(null, Rules(1, anyHigh: true), previous: null));
        Assert.Equal(RiskBand.Medium, RiskCombination.Combine(null, Rules(1), previous: null));
        Assert.Equal(RiskBand.Low, RiskCombination.Combine(null, RuleSignals.None, previous: null));
    }

    [Fact]
    public void Combine_HighRuleWithModelSupport_IsHigh()
    {
        Assert.Equal(RiskBand.High, RiskCombination.Combine(RiskBand.Medium, Rules(1, anyHigh: true), previous: null));
        Assert.Equal(RiskBand.Medium, RiskCombination.Combine(RiskBand.Medium, Rules(1, anyHigh: false), previous: null));
    }

    [Fact]
    public void Combine_TwoRulesAgreeingAgainstALowModel_Medium()
    {
        Assert.Equal(RiskBand.Medium, RiskCombination.Combine(RiskBand.Low, Rules(2), previous: null));
        Assert.Equal(RiskBand.Medium, RiskCombination.Combine(RiskBand.Low, Rules(2, anyHigh: true), previous: null));
    }

    [Theory]
    [InlineData(RiskBand.Low)]
    [InlineData(RiskBand.Medium)]
    [InlineData(null)]
    public void Combine_PastDue_NeverLow_AndHighFromThirtyDays(RiskBand? model)
    {
        Assert.NotEqual(RiskBand.Low, RiskCombination.Combine(model, Rules(pastDue: true), previous: null));
        Assert.Equal(RiskBand.High, RiskCombination.Combine(model, Rules(pastDue: true, hardFact: true), previous: null));
    }

    [Fact]
    public void Combine_ModelHigh_IsHigh()
    {
        Assert.Equal(RiskBand.High, RiskCombination.Combine(RiskBand.High, RuleSignals.None, previous: null));
    }

    [Theory]
    [InlineData(RiskBand.Medium, RiskBand.High, RiskBand.High)]
    [InlineData(RiskBand.Low, RiskBand.High, RiskBand.Low)]
    [InlineData(RiskBand.Medium, RiskBand.Medium, RiskBand.Medium)]
    public void Combine_AfterHigh_HeldWhileTheEvidenceSaysMedium(RiskBand model, RiskBand previous, RiskBand expected)
    {
        Assert.Equal(expected, RiskCombination.Combine(model, RuleSignals.None, previous));
    }

    [Theory]
    [InlineData(RiskBand.Medium, RiskBand.High, true)]
    [InlineData(RiskBand.High, RiskBand.High, false)]
    [InlineData(RiskBand.Low, RiskBand.High, false)]
    [InlineData(RiskBand.Medium, RiskBand.Medium, false)]
    public void IsHeldHigh_OnlyWhenHighComesFromThePreviousBandAlone(RiskBand model, RiskBand previous, bool expected)
    {
        Assert.Equal(expected, RiskCombination.IsHeldHigh(model, RuleSignals.None, previous));
    }
}
