using System.Collections.Immutable;

namespace CreditRisk.Core.Scoring;

/// <summary>
/// Turns a raw engine vector (null = missing) into the dense float vector the models are trained and scored on:
/// first one column per feature with <see cref="FeatureInputRule.UseValue"/>, then one indicator column per feature
/// with <see cref="FeatureInputRule.MissingIndicator"/> — the <see cref="Width"/> columns every model reads — then,
/// for the logistic regression only, one 0/1 step column per <see cref="FeatureInputRule.Steps"/> edge
/// (<see cref="LogisticWidth"/> columns in all; the trees never look past <see cref="Width"/>). Training and scoring
/// share this one code path.
/// </summary>
internal sealed class ModelInputLayout
{
    /// <summary>A feature missing in at least this share of training rows (and present in at least as many) gets an indicator.</summary>
    public const double IndicatorMinShare = 0.01;

    /// <summary>Percentiles the values are clipped to.</summary>
    public const double ClipLowQuantile = 0.01;

    public const double ClipHighQuantile = 0.99;

    private readonly int[] _valueFeature;
    private readonly double[] _low;
    private readonly double[] _high;
    private readonly float[] _fill;
    private readonly int[] _indicatorFeature;
    private readonly int[] _stepValueColumn;
    private readonly double[] _stepEdge;

    public ModelInputLayout(IReadOnlyList<FeatureInputRule> rules)
    {
        Rules = [.. rules];
        var values = rules.Select((r, i) => (r, i)).Where(x => x.r.UseValue).ToList();
        _valueFeature = [.. values.Select(x => x.i)];
        _low = [.. values.Select(x => x.r.Low)];
        _high = [.. values.Select(x => x.r.High)];
        _fill = [.. values.Select(x => (float)x.r.Fill)];
        _indicatorFeature = [.. rules.Select((r, i) => (r, i)).Where(x => x.r.MissingIndicator).Select(x => x.i)];
        var steps = values.SelectMany((x, column) => x.r.Steps.Select(edge => (Column: column, Feature: x.i, Edge: edge))).ToList();
        _stepValueColumn = [.. steps.Select(s => s.Column)];
        _stepEdge = [.. steps.Select(s => s.Edge)];
        Width = _valueFeature.Length + _indicatorFeature.Length;
        ColumnFeature = [.. _valueFeature, .. _indicatorFeature, .. steps.Select(s => s.Feature)];
        ColumnNames =
        [
            .. _valueFeature.Select(i => rules[i].Feature),
            .. _indicatorFeature.Select(i => rules[i].Feature + ":missing"),
            .. steps.Select(s => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rules[s.Feature].Feature}>{s.Edge:0.####}")),
        ];
    }

    public ImmutableArray<FeatureInputRule> Rules { get; }

    /// <summary>Number of input columns every model reads (values and missing indicators).</summary>
    public int Width { get; }

    /// <summary>Number of logistic-regression input columns: <see cref="Width"/> plus the step columns.</summary>
    public int LogisticWidth => ColumnFeature.Length;

    /// <summary>For each input column (up to <see cref="LogisticWidth"/>), the index of the engine feature it comes from.</summary>
    public int[] ColumnFeature { get; }

    public string[] ColumnNames { get; }

    /// <summary>Fits the rules on training vectors, with up to <paramref name="steps"/> logistic step edges per feature.</summary>
    public static ModelInputLayout Fit(IReadOnlyList<string> featureNames, IReadOnlyList<double?[]> rows, int steps = 0)
    {
        var rules = new List<FeatureInputRule>(featureNames.Count);
        var present = new List<double>(rows.Count);
        for (var f = 0; f < featureNames.Count; f++)
        {
            present.Clear();
            foreach (var row in rows)
            {
                if (row[f] is { } v && double.IsFinite(v))
                {
                    present.Add(v);
                }
            }

            var missingShare = rows.Count == 0 ? 1d : 1d - ((double)present.Count / rows.Count);
            if (present.Count == 0)
            {
                rules.Add(new FeatureInputRule { Feature = featureNames[f], UseValue = false, MissingIndicator = false, MissingShare = missingShare });
                continue;
            }

            present.Sort();
            var low = Quantile(present, ClipLowQuantile);
            var high = Quantile(present, ClipHighQuantile);
            var fill = Math.Clamp(Quantile(present, 0.5), low, high);
            rules.Add(new FeatureInputRule
            {
                Feature = featureNames[f],
                UseValue = high > low,
                MissingIndicator = missingShare >= IndicatorMinShare && missingShare <= 1 - IndicatorMinShare,
                Low = low,
                High = high,
                Fill = fill,
                Steps = high > low ? StepEdges(present, low, high, steps) : [],
                MissingShare = missingShare,
            });
        }

        return new ModelInputLayout(rules);
    }

    /// <summary>
    /// Writes the model inputs of <paramref name="raw"/> into <paramref name="destination"/>: the <see cref="Width"/>
    /// shared columns, and the step columns too when it holds <see cref="LogisticWidth"/>.
    /// </summary>
    public void Transform(ReadOnlySpan<double?> raw, Span<float> destination)
    {
        if (raw.Length < Rules.Length)
        {
            throw new ArgumentException($"The feature vector has {raw.Length} values; the model expects {Rules.Length}.", nameof(raw));
        }

        var k = 0;
        for (var c = 0; c < _valueFeature.Length; c++)
        {
            destination[k++] = raw[_valueFeature[c]] is { } v && double.IsFinite(v)
                ? (float)Math.Clamp(v, _low[c], _high[c])
                : _fill[c];
        }

        foreach (var f in _indicatorFeature)
        {
            destination[k++] = raw[f] is { } v && double.IsFinite(v) ? 0f : 1f;
        }

        if (destination.Length < LogisticWidth)
        {
            return;
        }

        for (var s = 0; s < _stepEdge.Length; s++)
        {
            destination[k++] = destination[_stepValueColumn[s]] > _stepEdge[s] ? 1f : 0f;
        }
    }

    /// <summary>Distinct training quantiles j ÷ (steps + 1) strictly inside the clip range (a step at an end is a constant).</summary>
    private static double[] StepEdges(List<double> sorted, double low, double high, int steps) =>
        [.. Enumerable.Range(1, Math.Max(0, steps))
            .Select(j => (double)(float)Quantile(sorted, (double)j / (steps + 1)))
            .Where(edge => edge > low && edge < high)
            .Distinct()];

    /// <summary>Linear-interpolation quantile (type 7) of sorted values.</summary>
    internal static double Quantile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
