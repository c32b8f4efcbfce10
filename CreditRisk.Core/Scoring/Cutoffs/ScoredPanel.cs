namespace CreditRisk.Core.Scoring.Cutoffs;

/// <summary>One scored observation of a panel: a customer's probability as of a statement date, and its outcome.</summary>
public readonly record struct PanelRow(string CustomerId, DateOnly AsOf, double Probability, bool Label);

/// <summary>
/// Scored hold-out rows as a monthly panel (customer × as-of date), ordered by customer then date, with what the cut-off
/// choice needs precomputed: escalations into High at any cut-off <c>h</c> are the rows with p ≥ h whose previous row
/// of the same customer was below <c>h</c> (the customer's first row counting when it is High), so
/// escalations(h) = #{p ≥ h} − #{continuing rows with min(p, previous p) ≥ h}. Both counts come from sorted arrays.
/// </summary>
public sealed class ScoredPanel
{
    private readonly double[] _descending;
    private readonly double[] _continuingDescending;

    public ScoredPanel(IEnumerable<PanelRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ordered = rows
            .OrderBy(r => r.CustomerId, StringComparer.Ordinal)
            .ThenBy(r => r.AsOf)
            .ToArray();
        foreach (var row in ordered)
        {
            if (!double.IsFinite(row.Probability))
            {
                throw new ArgumentException($"Customer {row.CustomerId} has a probability of {row.Probability} as of {row.AsOf:yyyy-MM-dd}.", nameof(rows));
            }
        }

        Rows = ordered;
        var continuing = new List<double>(ordered.Length);
        for (var i = 1; i < ordered.Length; i++)
        {
            if (string.Equals(ordered[i].CustomerId, ordered[i - 1].CustomerId, StringComparison.Ordinal))
            {
                continuing.Add(Math.Min(ordered[i].Probability, ordered[i - 1].Probability));
            }
        }

        _descending = [.. ordered.Select(r => r.Probability).OrderDescending()];
        _continuingDescending = [.. continuing.OrderDescending()];
        Customers = ordered.Select(r => r.CustomerId).Distinct(StringComparer.Ordinal).Count();
        Distinct = [.. _descending.Distinct()];
    }

    /// <summary>The rows, by customer then as-of date.</summary>
    public IReadOnlyList<PanelRow> Rows { get; }

    public int Customers { get; }

    /// <summary>The distinct probabilities, highest first: the candidate cut-offs.</summary>
    public IReadOnlyList<double> Distinct { get; }

    /// <summary>Whether every customer has one row (then every High row is an escalation: a stock, not a monthly flow).</summary>
    public bool OneRowPerCustomer => Customers == Rows.Count;

    /// <summary>Rows with a probability at or above <paramref name="cutoff"/>.</summary>
    public int AtOrAbove(double cutoff) => CountAtOrAbove(_descending, cutoff);

    /// <summary>Escalations into High with High from <paramref name="cutoff"/>.</summary>
    public int Escalations(double cutoff) => AtOrAbove(cutoff) - CountAtOrAbove(_continuingDescending, cutoff);

    /// <summary>Escalations per 1,000 rows (customer-months).</summary>
    public double AlertsPer1000(double cutoff) => Rows.Count == 0 ? 0 : Escalations(cutoff) * 1000d / Rows.Count;

    /// <summary>Share of rows at or above <paramref name="cutoff"/>.</summary>
    public double ShareAtOrAbove(double cutoff) => Rows.Count == 0 ? 0 : (double)AtOrAbove(cutoff) / Rows.Count;

    /// <summary>How many values of a descending array are ≥ <paramref name="cutoff"/> (binary search).</summary>
    private static int CountAtOrAbove(double[] descending, double cutoff)
    {
        int lo = 0, hi = descending.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (descending[mid] >= cutoff)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
