namespace CreditRisk.Core.Scoring;

/// <summary>
/// The logistic regression scored from its own parameters: standardised input z = (x − offset) × scale (ML.NET's
/// mean-variance normaliser), margin = bias + Σ weight × z, probability by Platt scaling. For speed the normaliser
/// is folded into the weights; the unfolded form gives the contributions.
/// </summary>
internal sealed class LogisticScorer
{
    private readonly double[] _offset;
    private readonly double[] _scale;
    private readonly double[] _weights;
    private readonly double _bias;
    private readonly double[] _foldedWeights;
    private readonly double _foldedBias;

    public LogisticScorer(double[] offset, double[] scale, double[] weights, double bias, PlattScaling calibration)
    {
        if (offset.Length != weights.Length || scale.Length != weights.Length)
        {
            throw new ArgumentException("Normaliser and weights must have the same length.");
        }

        _offset = offset;
        _scale = scale;
        _weights = weights;
        _bias = bias;
        Calibration = calibration;
        _foldedWeights = new double[weights.Length];
        _foldedBias = bias;
        for (var j = 0; j < weights.Length; j++)
        {
            _foldedWeights[j] = weights[j] * scale[j];
            _foldedBias -= _foldedWeights[j] * offset[j];
        }
    }

    public PlattScaling Calibration { get; }

    public int Width => _weights.Length;

    /// <summary>Log-odds weights per standardised input column.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    public double Bias => _bias;

    public double Margin(ReadOnlySpan<float> x)
    {
        var sum = _foldedBias;
        var weights = _foldedWeights.AsSpan(0, x.Length);
        for (var j = 0; j < weights.Length; j++)
        {
            sum += weights[j] * x[j];
        }

        return sum;
    }

    public double Probability(ReadOnlySpan<float> x) => Calibration.Probability(Margin(x));

    /// <summary>Weight × standardised value per input column.</summary>
    public void Contributions(ReadOnlySpan<float> x, Span<double> destination)
    {
        for (var j = 0; j < _weights.Length; j++)
        {
            destination[j] = _weights[j] * ((x[j] - _offset[j]) * _scale[j]);
        }
    }
}
