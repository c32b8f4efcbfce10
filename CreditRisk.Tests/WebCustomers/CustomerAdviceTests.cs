using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Customers;

namespace CreditRisk.Tests.WebCustomers;

// Tests of CreditRisk.Web/Customers (a "Customers" test namespace would hide the builders' Customers members).

public sealed class CustomerAdviceTests
{
    [Fact]
    public void Reasons_LowBand_AreEmptyAndActionsReassure()
    {
        var low = A.Assessment(band: RiskBand.Low);

        Assert.Empty(CustomerAdvice.Reasons(low));
        Assert.Contains("good standing", Assert.Single(CustomerAdvice.Actions(low)));
    }

    [Fact]
    public void Actions_NotAssessedYet_DoNotSayTheAccountIsInGoodStanding()
    {
        var action = Assert.Single(CustomerAdvice.Actions(null));

        Assert.DoesNotContain("Your account is in good standing", action);
        Assert.Contains("Paying each statement in full and on time", action);
    }

    [Fact]
    public void Reasons_RuleHits_ArePhrasedFromTheFeaturesNotTheAnalystText()
    {
        var assessment = A.Assessment() with
        {
            Features = [new FeatureValue(FeatureNames.MinDueOnlyStreak, 3)],
            RuleHits = [new RuleHit(RuleIds.MinimumDueOnly, RiskBand.Medium, "Only the minimum due was paid for 3 consecutive cycles (more than 2)")],
        };

        var reasons = CustomerAdvice.Reasons(assessment);

        Assert.Equal(["You have paid the minimum due or less for 3 statements in a row"], reasons);
        Assert.Contains(CustomerAdvice.Actions(assessment), a => a.Contains("more than the minimum", StringComparison.Ordinal));
    }

    [Fact]
    public void Reasons_ModelOnlyHighBand_GivesTheGeneralReason()
    {
        var assessment = A.Assessment(band: RiskBand.High) with { RuleHits = [] };

        Assert.Equal([CustomerAdvice.GeneralStrain], CustomerAdvice.Reasons(assessment));
        Assert.NotEmpty(CustomerAdvice.Actions(assessment));
    }
}
