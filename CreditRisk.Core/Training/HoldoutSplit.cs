namespace CreditRisk.Core.Training;

/// <summary>
/// Seeded, stratified hold-out split by customer: all rows of a customer fall on the same side (so a panel of
/// monthly rows cannot leak a customer's future into the test set), and customers with at least one positive row
/// are split separately from the others so both sides keep the portfolio's bad rate.
/// </summary>
public static class HoldoutSplit
{
    /// <summary>Row indices of the training and hold-out sides; <paramref name="holdoutShare"/> of each stratum's customers (rounded) go to the hold-out.</summary>
    public static (int[] Train, int[] Holdout) Split(IReadOnlyList<LabeledRow> rows, double holdoutShare, int seed)
    {
        if (holdoutShare is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutShare), holdoutShare, "The hold-out share must be between 0 and 1 (exclusive).");
        }

        var customers = rows
            .Select((row, index) => (row, index))
            .GroupBy(x => x.row.CustomerId, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Positive: g.Any(x => x.row.Label), Rows: g.Select(x => x.index).ToArray()))
            .OrderBy(c => c.Id, StringComparer.Ordinal) // the file order must not matter, only the seed
            .ToList();

        var random = new Random(seed);
        var holdout = new HashSet<int>();
        foreach (var stratum in customers.GroupBy(c => c.Positive).OrderBy(g => g.Key))
        {
            var members = stratum.ToArray();
            random.Shuffle(members);
            var take = (int)Math.Round(members.Length * holdoutShare, MidpointRounding.AwayFromZero);
            foreach (var customer in members.Take(take))
            {
                holdout.UnionWith(customer.Rows);
            }
        }

        var train = Enumerable.Range(0, rows.Count).Where(i => !holdout.Contains(i)).ToArray();
        return (train, [.. holdout.Order()]);
    }
}
