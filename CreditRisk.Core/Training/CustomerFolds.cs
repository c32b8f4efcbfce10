namespace CreditRisk.Core.Training;

/// <summary>
/// Seeded, stratified k-fold assignment by customer, the cross-validation twin of <see cref="HoldoutSplit"/>: all rows
/// of a customer fall in one fold (a monthly panel cannot leak a customer's future across folds), and customers with
/// at least one bad row are dealt out separately from the others so every fold keeps the bad rate.
/// </summary>
internal static class CustomerFolds
{
    /// <summary>The fold (0 to <paramref name="folds"/> − 1) of each row.</summary>
    /// <param name="groups">Customer id of each row.</param>
    /// <param name="labels">Outcome of each row (true = bad).</param>
    /// <param name="folds">How many folds (at least 2).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public static int[] Assign(IReadOnlyList<string> groups, IReadOnlyList<bool> labels, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        if (groups.Count != labels.Count)
        {
            throw new ArgumentException($"{groups.Count} groups but {labels.Count} labels.");
        }

        var customers = Enumerable.Range(0, groups.Count)
            .GroupBy(i => groups[i], StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Positive: g.Any(i => labels[i]), Rows: g.ToArray()))
            .OrderBy(c => c.Id, StringComparer.Ordinal) // the row order must not matter, only the seed
            .ToList();

        var random = new Random(seed);
        var fold = new int[groups.Count];
        foreach (var stratum in customers.GroupBy(c => c.Positive).OrderBy(g => g.Key))
        {
            var members = stratum.ToArray();
            random.Shuffle(members);
            for (var m = 0; m < members.Length; m++)
            {
                foreach (var row in members[m].Rows)
                {
                    fold[row] = m % folds;
                }
            }
        }

        return fold;
    }
}
