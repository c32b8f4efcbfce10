using CreditRisk.Web.Components.Pages.Admin.Rules;

namespace CreditRisk.Tests.Components.Pages.Admin;

/// <summary>The backtest table's change is the difference of the figures it shows, in the same number of decimals.</summary>
public sealed class WhatIfRowTests
{
    [Fact]
    public void Share_ChangeOfTheShownPercentages()
    {
        // 61.54% and 65.06% show as 61.5% and 65.1%; their unrounded difference, 3.52, read "+3.5" and the review saw +3.7
        // beside figures 3.6 apart.
        var row = WhatIfRow.Share("k", "label", 0.6154, 0.6506, lowerIsBetter: false);

        Assert.Equal(("61.5%", "65.1%", "+3.6 pts"), (row.Now, row.Proposed, row.Change));
        Assert.True(row.Improves);
    }

    [Fact]
    public void Share_HalfwayBetweenTwoShownFigures_ChangeOfTheShownPercentages()
    {
        // 49 of 400 is 12.25%, shown "12.3%" (half away from zero); rounded half to even it was 12.2 and the change read
        // "+2.8 pts" beside figures 2.7 apart.
        var row = WhatIfRow.Share("k", "label", 49 / 400d, 0.15, lowerIsBetter: true);

        Assert.Equal(("12.3%", "15.0%", "+2.7 pts"), (row.Now, row.Proposed, row.Change));
        Assert.Equal(2.7, row.Delta, precision: 10);
    }

    [Fact]
    public void Rate_OneDecimalBothSidesAndTheChangeOfThoseFigures()
    {
        var row = WhatIfRow.Rate("k", "label", 16.44, 35.04);

        Assert.Equal(("16.4", "35.0", "+18.6"), (row.Now, row.Proposed, row.Change));
        Assert.False(row.Improves);
    }

    [Fact]
    public void Rate_SameShownFigure_NoChange()
    {
        var row = WhatIfRow.Rate("k", "label", 16.44, 16.41);

        Assert.Equal(("16.4", "16.4", "no change"), (row.Now, row.Proposed, row.Change));
        Assert.Null(row.Improves);
    }
}
