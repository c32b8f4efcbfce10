using CreditRisk.Core.Scoring.Cutoffs;

namespace CreditRisk.Tests.Scoring.Cutoffs;

public sealed class BudgetCurveTests
{
    [Fact]
    public void Compute_SyntheticPanel_MoreBudgetLowerCutoffMoreCaughtMoreBothered()
    {
        var rows = SyntheticPanels.Create(customers: 800, months: 12, seed: 11);
        var panel = new ScoredPanel(rows);

        var curve = BudgetCurve.Compute(panel, BudgetCurve.DefaultBudgets);

        Assert.Equal(BudgetCurve.DefaultBudgets, curve.Select(p => p.Budget));
        Assert.All(curve, p =>
        {
            Assert.NotNull(p.HighFrom);
            Assert.True(p.AlertsPer1000PerMonth <= p.Budget);
            Assert.Equal(BudgetCutoffChooser.HighFor(panel, p.Budget), p.HighFrom);
        });
        for (var i = 1; i < curve.Count; i++)
        {
            Assert.True(curve[i].HighFrom <= curve[i - 1].HighFrom);
            Assert.True(curve[i].BadRowsFlaggedHigh >= curve[i - 1].BadRowsFlaggedHigh);
            Assert.True(curve[i].GoodCustomersEverHigh >= curve[i - 1].GoodCustomersEverHigh);
        }

        Assert.True(curve[^1].BadRowsFlaggedHigh > curve[0].BadRowsFlaggedHigh);
    }

    [Fact]
    public void Compute_OnePoint_SharesCountedByHand()
    {
        var rows = SyntheticPanels.Create(customers: 800, months: 12, seed: 12);
        var point = Assert.Single(BudgetCurve.Compute(new ScoredPanel(rows), [25]));

        var high = point.HighFrom!.Value;
        var bad = rows.Where(r => r.Label).ToList();
        var good = rows.GroupBy(r => r.CustomerId).Where(g => !g.Any(r => r.Label)).ToList();
        Assert.Equal(Math.Round((double)bad.Count(r => r.Probability >= high) / bad.Count, 4), point.BadRowsFlaggedHigh);
        Assert.Equal(Math.Round((double)good.Count(g => g.Any(r => r.Probability >= high)) / good.Count, 4), point.GoodCustomersEverHigh);
        Assert.Equal(Math.Round(SyntheticPanels.Escalations(rows, high) * 1000d / rows.Count, 2), point.AlertsPer1000PerMonth);
    }

    [Fact]
    public void Compute_NoBadRow_Empty()
    {
        var rows = SyntheticPanels.Create(customers: 100, months: 3, seed: 13).Select(r => r with { Label = false });

        Assert.Empty(BudgetCurve.Compute(new ScoredPanel(rows), BudgetCurve.DefaultBudgets));
    }

    [Fact]
    public void Compute_BudgetBelowTheTopScoresAlerts_PointWithoutCutoff()
    {
        var rows = SyntheticPanels.Create(customers: 100, months: 1, seed: 14);

        var point = Assert.Single(BudgetCurve.Compute(new ScoredPanel(rows), [1]));

        Assert.Null(point.HighFrom);
        Assert.Equal(0, point.BadRowsFlaggedHigh);
    }
}
