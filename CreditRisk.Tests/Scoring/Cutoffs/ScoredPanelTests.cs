using CreditRisk.Core.Scoring.Cutoffs;

namespace CreditRisk.Tests.Scoring.Cutoffs;

public sealed class ScoredPanelTests
{
    private static readonly DateOnly Jan = new(2026, 1, 31);

    [Fact]
    public void Escalations_HandMadePanel_HighAfterNotHighOrFirstRow()
    {
        // Rows given out of order on purpose: the panel sorts by customer then date.
        var panel = new ScoredPanel(
        [
            Row("A", 2, 0.6), Row("A", 0, 0.5), Row("A", 1, 0.1), Row("A", 3, 0.7),
            Row("B", 0, 0.2), Row("B", 1, 0.4),
            Row("C", 0, 0.9),
        ]);

        // At 0.3: A escalates in months 0 and 2 (3 continues), B in month 1, C in month 0.
        Assert.Equal(4, panel.Escalations(0.3));
        Assert.Equal(4000d / 7, panel.AlertsPer1000(0.3), 9);
        // At 0.05 everyone is High from their first row: one escalation each.
        Assert.Equal(3, panel.Escalations(0.05));
        // At 0.65: A's month 3 and C.
        Assert.Equal(2, panel.Escalations(0.65));
        Assert.Equal(0, panel.Escalations(0.95));
        Assert.Equal(3d / 7, panel.ShareAtOrAbove(0.55), 12);
        Assert.Equal(3, panel.Customers);
        Assert.False(panel.OneRowPerCustomer);
        Assert.Equal([0.9, 0.7, 0.6, 0.5, 0.4, 0.2, 0.1], panel.Distinct);
    }

    [Fact]
    public void Escalations_RandomPanel_EqualTheSlowCountAtEveryScore()
    {
        var rows = SyntheticPanels.Create(customers: 150, months: 12, seed: 3);
        var panel = new ScoredPanel(rows);

        foreach (var cutoff in panel.Distinct.Where((_, i) => i % 17 == 0))
        {
            Assert.Equal(SyntheticPanels.Escalations(rows, cutoff), panel.Escalations(cutoff));
        }
    }

    [Fact]
    public void Create_NotAFiniteProbability_RefusedNamingTheRow()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScoredPanel([Row("A", 0, double.NaN)]));

        Assert.Contains("Customer A", error.Message);
    }

    private static PanelRow Row(string customer, int month, double p) => new(customer, Jan.AddMonths(month), p, false);
}
