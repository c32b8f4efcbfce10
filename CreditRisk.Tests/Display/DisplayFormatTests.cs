using CreditRisk.Web.Components.Shared;

namespace CreditRisk.Tests.Display;

/// <summary>Cut-offs keep a second decimal when they have one, so a score shown at one decimal is never beside a cut-off that reads the same.</summary>
public sealed class DisplayFormatTests
{
    [Theory]
    [InlineData(0.1295, "12.95%")]
    [InlineData(0.276, "27.6%")]
    [InlineData(0.1, "10.0%")]
    [InlineData(0.08625, "8.63%")]
    public void Cutoff_SecondDecimalOnlyWhenItHasOne(double cutoff, string expected)
    {
        Assert.Equal(expected, DisplayFormat.Cutoff(cutoff));
    }

    [Fact]
    public void Cutoff_AScoreJustBelowIt_ReadsBelowIt()
    {
        // 12.87% is Low under Medium from 12.95%: at one decimal both read 12.9%.
        Assert.Equal("12.9%", DisplayFormat.Percent(0.1287, 1));
        Assert.NotEqual(DisplayFormat.Percent(0.1287, 1), DisplayFormat.Cutoff(0.1295));
    }
}
