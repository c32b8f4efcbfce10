namespace CreditRisk.Core.Scoring.Cutoffs;

/// <summary>The alert-budget trade-off of a scored hold-out: for each budget, the High cut-off it implies and what it gives.</summary>
public static class BudgetCurve
{
    /// <summary>High alerts per 1,000 customer-months swept by <c>train</c>.</summary>
    public static IReadOnlyList<double> DefaultBudgets { get; } = [5, 10, 15, 20, 25, 30, 40, 50, 75, 100];

    /// <summary>One point per budget, in the order given; empty when the panel lacks either outcome.</summary>
    public static List<BudgetCurvePoint> Compute(ScoredPanel panel, IEnumerable<double> budgets)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(budgets);
        var badRows = panel.Rows.Count(r => r.Label);
        var badCustomers = panel.Rows.Where(r => r.Label).Select(r => r.CustomerId).ToHashSet(StringComparer.Ordinal);
        var goodCustomers = panel.Customers - badCustomers.Count;
        if (badRows == 0 || goodCustomers == 0)
        {
            return [];
        }

        // Each good customer's highest score: they are ever High exactly when it reaches the cut-off.
        var goodPeaks = panel.Rows
            .Where(r => !badCustomers.Contains(r.CustomerId))
            .GroupBy(r => r.CustomerId, StringComparer.Ordinal)
            .Select(g => g.Max(r => r.Probability))
            .ToArray();
        var badScores = panel.Rows.Where(r => r.Label).Select(r => r.Probability).ToArray();

        return [.. budgets.Select(budget => BudgetCutoffChooser.HighFor(panel, budget) is { } high
            ? new BudgetCurvePoint
            {
                Budget = budget,
                HighFrom = high,
                AlertsPer1000PerMonth = Math.Round(panel.AlertsPer1000(high), 2),
                BadRowsFlaggedHigh = Math.Round((double)badScores.Count(p => p >= high) / badRows, 4),
                GoodCustomersEverHigh = Math.Round((double)goodPeaks.Count(p => p >= high) / goodCustomers, 4),
            }
            : new BudgetCurvePoint { Budget = budget })];
    }
}
