using System.ComponentModel.DataAnnotations;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;

namespace CreditRisk.Tests.Risk;

public sealed class RiskBandingTests
{
    [Theory]
    [InlineData(0.0, RiskBand.Low)]
    [InlineData(0.0999, RiskBand.Low)]
    [InlineData(0.10, RiskBand.Medium)]
    [InlineData(0.2999, RiskBand.Medium)]
    [InlineData(0.30, RiskBand.High)]
    [InlineData(1.0, RiskBand.High)]
    public void BandOf_NothingPinnedNoModel_LegacyCutOffs(double probability, RiskBand expected)
    {
        Assert.Equal(expected, BandCutoffResolver.BandOf(probability, new BandingOptions(), model: null));
    }

    [Fact]
    public void RuleOptions_OutOfRange_Invalid()
    {
        var options = new RuleOptions { SpendDropMediumPct = 150 };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(nameof(RuleOptions.SpendDropMediumPct), results.Single().MemberNames);
    }
}
