using CreditRisk.Core.Scoring.Cutoffs;

namespace CreditRisk.Tests.Scoring.Cutoffs;

public sealed class BudgetCutoffChooserTests
{
    [Theory]
    [InlineData(5, 0.05)]
    [InlineData(25, 0.10)]
    [InlineData(60, 0.20)]
    public void Choose_SyntheticPanel_BudgetRespectedAndTheLowestSuchCutoff(double alerts, double share)
    {
        var panel = new ScoredPanel(SyntheticPanels.Create(customers: 800, months: 12, seed: 1));

        var chosen = BudgetCutoffChooser.Choose(panel, new AlertBudget(alerts, share));

        Assert.Equal(CutoffBasis.Budget, chosen.Basis);
        Assert.Null(chosen.Note);
        Assert.True(chosen.HoldoutHighAlertsPer1000PerMonth <= alerts, $"{chosen.HoldoutHighAlertsPer1000PerMonth} alerts per 1,000 over {alerts}");
        // Every stricter cut-off is within budget too, and the next score down is over it.
        Assert.All(panel.Distinct.Where(p => p >= chosen.HighFrom), p => Assert.True(panel.AlertsPer1000(p) <= alerts));
        Assert.True(panel.AlertsPer1000(panel.Distinct.First(p => p < chosen.HighFrom)) > alerts);
        Assert.True(chosen.HoldoutWatchListShare <= share);
        Assert.True(panel.ShareAtOrAbove(panel.Distinct.First(p => p < chosen.MediumFrom)) > share);
        Assert.True(chosen.MediumFrom < chosen.HighFrom);
        Assert.Equal(9600, chosen.HoldoutRows);
        Assert.Equal(800, chosen.HoldoutCustomers);
        Assert.Equal(alerts, chosen.HighAlertsPer1000PerMonth);
        Assert.Equal(share, chosen.WatchListShare);
    }

    [Fact]
    public void Choose_LargerBudgets_CutoffsNeverRise()
    {
        var panel = new ScoredPanel(SyntheticPanels.Create(customers: 800, months: 12, seed: 2));
        double previousHigh = 1, previousMedium = 1;

        foreach (var (alerts, share) in new[] { (5d, 0.03), (10d, 0.05), (25d, 0.10), (50d, 0.15), (100d, 0.3) })
        {
            var chosen = BudgetCutoffChooser.Choose(panel, new AlertBudget(alerts, share));

            Assert.True(chosen.HighFrom <= previousHigh);
            Assert.True(chosen.MediumFrom <= previousMedium);
            (previousHigh, previousMedium) = (chosen.HighFrom, chosen.MediumFrom);
        }
    }

    [Fact]
    public void Choose_OneRowPerCustomer_EveryHighRowIsAnAlertAndTheNoteSaysSo()
    {
        var rows = SyntheticPanels.Create(customers: 3000, months: 1, seed: 4);
        var panel = new ScoredPanel(rows);

        var chosen = BudgetCutoffChooser.Choose(panel, AlertBudget.Default);

        Assert.Equal(CutoffBasis.Budget, chosen.Basis);
        Assert.Equal(rows.Count(r => r.Probability >= chosen.HighFrom) * 1000d / rows.Count, chosen.HoldoutHighAlertsPer1000PerMonth, 2);
        Assert.Contains("one row per customer", chosen.Note);
    }

    [Fact]
    public void Choose_HoldoutTooSmallForTheBudget_LegacyDefaultsWithTheReason()
    {
        var panel = new ScoredPanel(SyntheticPanels.Create(customers: 30, months: 10, seed: 5));

        var chosen = BudgetCutoffChooser.Choose(panel, AlertBudget.Default);

        Assert.Equal(CutoffBasis.LegacyDefaults, chosen.Basis);
        Assert.Equal((0.10, 0.30), (chosen.MediumFrom, chosen.HighFrom));
        Assert.Contains("300 customer-months", chosen.Note);
        Assert.Contains("at least 400", chosen.Note);
        Assert.Equal(Math.Round(panel.AlertsPer1000(0.30), 2), chosen.HoldoutHighAlertsPer1000PerMonth);
    }

    [Fact]
    public void Choose_EveryScoreEqual_LegacyDefaultsWithTheReason()
    {
        var panel = new ScoredPanel(SyntheticPanels.Create(customers: 100, months: 12, seed: 6).Select(r => r with { Probability = 0.04 }));

        var chosen = BudgetCutoffChooser.Choose(panel, AlertBudget.Default);

        Assert.Equal(CutoffBasis.LegacyDefaults, chosen.Basis);
        Assert.Contains("1 distinct scores", chosen.Note);
    }

    [Fact]
    public void Choose_TopScoresTieBeyondTheBudget_LegacyDefaultsWithTheReason()
    {
        // A fifth of the customers share the top score: even the strictest cut-off raises 200 alerts per 1,000.
        var rows = SyntheticPanels.Create(customers: 500, months: 1, seed: 7)
            .Select((r, i) => i % 5 == 0 ? r with { Probability = 0.99 } : r with { Probability = Math.Min(r.Probability, 0.9) });

        var chosen = BudgetCutoffChooser.Choose(new ScoredPanel(rows), AlertBudget.Default);

        Assert.Equal(CutoffBasis.LegacyDefaults, chosen.Basis);
        Assert.Contains("tie at the top", chosen.Note);
    }

    [Fact]
    public void Choose_HighAloneFillsTheWatchList_MediumJustBelowHighWithANote()
    {
        // A tiny watch list: the High cut-off of 25 alerts per 1,000 already holds more rows than it.
        var panel = new ScoredPanel(SyntheticPanels.Create(customers: 800, months: 12, seed: 8));

        var chosen = BudgetCutoffChooser.Choose(panel, new AlertBudget(25, 0.01));

        Assert.True(panel.ShareAtOrAbove(chosen.HighFrom) > 0.01);
        Assert.Equal(CutoffBasis.Budget, chosen.Basis);
        Assert.Equal(panel.Distinct.First(p => p < chosen.HighFrom), chosen.MediumFrom);
        Assert.Contains("watch list", chosen.Note);
    }

    [Fact]
    public void Choose_BudgetAllowsEveryRowHigh_LegacyDefaultsWithTheReason()
    {
        // 800 customers' first rows are 83 alerts per 1,000 of 9,600 rows: a budget of 200 flags everyone.
        var panel = new ScoredPanel(SyntheticPanels.Create(customers: 800, months: 12, seed: 8));

        var chosen = BudgetCutoffChooser.Choose(panel, new AlertBudget(200, 0.1));

        Assert.Equal(CutoffBasis.LegacyDefaults, chosen.Basis);
        Assert.Contains("below the High cut-off", chosen.Note);
    }

    [Fact]
    public void Choose_BudgetNotPositive_Refused()
    {
        var panel = new ScoredPanel(SyntheticPanels.Create(customers: 10, months: 1, seed: 9));

        Assert.Throws<ArgumentOutOfRangeException>(() => BudgetCutoffChooser.Choose(panel, new AlertBudget(0, 0.1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BudgetCutoffChooser.Choose(panel, new AlertBudget(25, 1)));
    }
}
