namespace CreditRisk.Core.Scoring;

/// <summary>
/// A FastTree ensemble scored by walking its extracted splits: at node i go to the "left" child when
/// input[feature[i]] ≤ threshold[i], else to the right; a negative child c is leaf ~c. The margin is
/// bias + Σ treeWeight × leafValue; the probability is the Platt-scaled margin for a boosted classifier, or the
/// margin itself (clamped to [0, 1]) for a regression tree fitted to 0/1 outcomes, whose leaves hold bad rates.
/// All trees live in flat arrays for locality.
/// </summary>
internal sealed class TreeEnsembleScorer
{
    private readonly int[] _feature;
    private readonly float[] _threshold;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly double[] _leafValue;
    private readonly int[] _nodeStart;
    private readonly int[] _leafStart;
    private readonly double[] _treeWeight;
    private readonly double _bias;
    private readonly IReadOnlyList<TreeParameters> _trees;

    public TreeEnsembleScorer(IReadOnlyList<TreeParameters> trees, double bias, PlattScaling? calibration)
    {
        _trees = trees;
        _bias = bias;
        Calibration = calibration;
        _nodeStart = new int[trees.Count];
        _leafStart = new int[trees.Count];
        _treeWeight = new double[trees.Count];
        var nodes = trees.Sum(t => t.Feature.Length);
        var leaves = trees.Sum(t => t.LeafValues.Length);
        _feature = new int[nodes];
        _threshold = new float[nodes];
        _left = new int[nodes];
        _right = new int[nodes];
        _leafValue = new double[leaves];
        int n = 0, l = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            _nodeStart[t] = n;
            _leafStart[t] = l;
            _treeWeight[t] = tree.Weight;
            tree.Feature.CopyTo(_feature, n);
            tree.Threshold.CopyTo(_threshold, n);
            tree.Left.CopyTo(_left, n);
            tree.Right.CopyTo(_right, n);
            tree.LeafValues.CopyTo(_leafValue, l);
            n += tree.Feature.Length;
            l += tree.LeafValues.Length;
        }
    }

    /// <summary>Platt scaling of the margin; null when the margin already is a probability.</summary>
    public PlattScaling? Calibration { get; }

    public int TreeCount => _treeWeight.Length;

    /// <summary>The same trees with another Platt scaling of their margin.</summary>
    public TreeEnsembleScorer WithCalibration(PlattScaling calibration) => new(_trees, _bias, calibration);

    public double Margin(ReadOnlySpan<float> x)
    {
        var sum = _bias;
        for (var t = 0; t < _treeWeight.Length; t++)
        {
            sum += _treeWeight[t] * _leafValue[_leafStart[t] + Leaf(t, x)];
        }

        return sum;
    }

    public double Probability(ReadOnlySpan<float> x) =>
        Calibration is { } platt ? platt.Probability(Margin(x)) : Math.Clamp(Margin(x), 0d, 1d);

    /// <summary>Index of the leaf of tree <paramref name="tree"/> that <paramref name="x"/> falls into.</summary>
    public int Leaf(int tree, ReadOnlySpan<float> x)
    {
        var start = _nodeStart[tree];
        var end = tree + 1 < _nodeStart.Length ? _nodeStart[tree + 1] : _feature.Length;
        if (start == end)
        {
            return 0; // a tree without splits is a single leaf
        }

        var node = 0;
        while (node >= 0)
        {
            var i = start + node;
            node = x[_feature[i]] <= _threshold[i] ? _left[i] : _right[i];
        }

        return ~node;
    }
}

/// <summary>One regression tree in ML.NET's layout (see <see cref="TreeEnsembleScorer"/>).</summary>
internal sealed record TreeParameters(int[] Feature, float[] Threshold, int[] Left, int[] Right, double[] LeafValues, double Weight);
