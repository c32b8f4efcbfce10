using CreditRisk.Core.Features;
using CreditRisk.Web.Components.Pages.Admin.Customers;
using CreditRisk.Web.Display;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Display;

public sealed class FeatureValueTextTests
{
    private static readonly MoneyFormat Dollars = new(Options.Create(new DisplayOptions { Currency = "USD", Culture = "en-US" }));

    [Theory]
    [InlineData(FeatureNames.UtilisationPct, 77.64, "77.6%")]
    [InlineData(FeatureNames.UtilisationPct, 95, "95%")]
    [InlineData(FeatureNames.SpendChangePct30d, -62.25, "-62.3%")]
    [InlineData(FeatureNames.UtilisationVsMean6c, 12.04, "12 pts")]
    [InlineData(FeatureNames.PaymentRatio, 0.456, "46%")]
    [InlineData(FeatureNames.MerchantMixIndex30d, 0.6234, "0.62")]
    [InlineData(FeatureNames.OverLimitCount90d, 3, "3 days")]
    [InlineData(FeatureNames.DpdLatest, 1, "1 day")]
    [InlineData(FeatureNames.MinDueOnlyStreak, 0, "0 cycles")]
    [InlineData(FeatureNames.PurchaseCount30d, 14, "14")]
    [InlineData(FeatureNames.CreditLimit, 85_000, "$85,000.00")]
    [InlineData(FeatureNames.BalanceAmount, 1e30, "1000000000000000000000000000000")]
    [InlineData("a_feature_no_engine_writes", 1.2345, "1.23")]
    public void Format_WritesTheValueInItsUnit(string feature, double value, string expected)
    {
        Assert.Equal(expected, FeatureValueText.Format(feature, value, Dollars));
    }

    [Fact]
    public void EveryFeatureTheEngineWrites_HasAUnit()
    {
        Assert.All(FeatureNames.Ordered, name => Assert.NotNull(FeatureUnits.Of(name)));
    }
}
