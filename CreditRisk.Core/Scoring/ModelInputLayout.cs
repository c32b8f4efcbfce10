using System.Collections.Immutable;

namespace CreditRisk.Core.Scoring;

/// <summary>
/// Turns a raw engine vector (null = missing) into the dense float vector the models are trained and scored on:
/// first one column per feature with <see cref="FeatureInputRule.UseValue"/>, then one indicator column per feature
/// with <see cref="FeatureInputRule.MissingIndicator"/>. Training and scoring share this one code path.
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

    public ModelInputLayout(IReadOnlyList<FeatureInputRule> rules)
    {
        Rules = [.. rules];
        var values = rules.Select((r, i) => (r, i)).Where(x => x.r.UseValue).ToList();
        _valueFeature = [.. values.Select(x => x.i)];
        _low = [.. values.Select(x => x.r.Low)];
        _high = [.. values.Select(x => x.r.High)];
        _fill = [.. values.Select(x => (float)x.r.Fill)];
        _indicatorFeature = [.. rules.Select((r, i) => (r, i)).Where(x => x.r.MissingIndicator).Select(x => x.i)];
        ColumnFeature = [.. _valueFeature, .. _indicatorFeature];
        ColumnNames = [.. _valueFeature.Select(i => rules[i].Feature), .. _indicatorFeature.Select(i => rules[i].Feature + ":missing")];
    }

    public ImmutableArray<FeatureInputRule> Rules { get; }

    /// <summary>Number of model input columns.</summary>
    public int Width => ColumnFeature.Length;

    /// <summary>For each input column, the index of the engine feature it comes from.</summary>
    public int[] ColumnFeature { get; }

    public string[] ColumnNames { get; }

    /// <summary>Fits the rules on training vectors.</summary>
    public static ModelInputLayout Fit(IReadOnlyList<string> featureNames, IReadOnlyList<double?[]> rows)
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
                MissingShare = missingShare,
            });
        }

        return new ModelInputLayout(rules);
    }

    /// <summary>Writes the <see cref="Width"/> model inputs of <paramref name="raw"/> into <paramref name="destination"/>.</summary>
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
    }

    /// <summary>Linear-interpolation quantile (type 7) of sorted values.</summary>
    internal static double Quantile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
