using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Scoring.Cutoffs;

/// <summary>One point-in-time reading of a customer: the model's probability and the confirmed rule evidence then.</summary>
public readonly record struct CadenceReading(double Probability, RuleSignals Signals);

/// <summary>One customer's readings in time order, and how many months they span.</summary>
public sealed record CadenceCustomer(IReadOnlyList<CadenceReading> Readings, double Months);

/// <summary>
/// The hold-out replayed at the live cadence (readings every few days and on statement dates), so alerts are counted
/// the way the pipeline raises them: at each reading the model band (from the cut-offs tried) is combined with the
/// confirmed rules by <see cref="RiskCombination.Combine"/>, customer by customer in time order, and an alert is a
/// reading whose band is High after one that was not (a customer's first reading counting).
/// </summary>
public sealed class CadencePanel
{
    private readonly double[] _probabilities;
    private readonly RuleSignals[] _signals;
    private readonly int[] _starts; // customer c's readings are [_starts[c], _starts[c + 1])
    private readonly double[] _descending;

    public CadencePanel(IEnumerable<CadenceCustomer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var probabilities = new List<double>();
        var signals = new List<RuleSignals>();
        var starts = new List<int> { 0 };
        foreach (var customer in customers.Where(c => c.Readings.Count > 0))
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customer.Months);
            foreach (var reading in customer.Readings)
            {
                if (!double.IsFinite(reading.Probability))
                {
                    throw new ArgumentException($"A reading has a probability of {reading.Probability}.", nameof(customers));
                }

                probabilities.Add(reading.Probability);
                signals.Add(reading.Signals);
            }

            starts.Add(probabilities.Count);
            CustomerMonths += customer.Months;
        }

        _probabilities = [.. probabilities];
        _signals = [.. signals];
        _starts = [.. starts];
        _descending = [.. _probabilities.OrderDescending()];
        Distinct = [.. _descending.Distinct()];
    }

    public int Customers => _starts.Length - 1;

    public int Readings => _probabilities.Length;

    /// <summary>The months the customers' readings span, summed: the denominator of the alert rate.</summary>
    public double CustomerMonths { get; }

    /// <summary>The distinct probabilities, highest first: the candidate cut-offs.</summary>
    public IReadOnlyList<double> Distinct { get; }

    /// <summary>The probabilities, highest first.</summary>
    public IReadOnlyList<double> Descending => _descending;

    /// <summary>Share of readings whose probability is at or above <paramref name="cutoff"/> (the model alone).</summary>
    public double ShareAtOrAbove(double cutoff) =>
        Readings == 0 ? 0 : (double)_descending.Count(p => p >= cutoff) / Readings;

    /// <summary>Escalations into the combined High band with the model banded at <paramref name="cutoffs"/>.</summary>
    public int Escalations(BandCutoffs cutoffs)
    {
        ArgumentNullException.ThrowIfNull(cutoffs);
        var alerts = 0;
        for (var c = 0; c + 1 < _starts.Length; c++)
        {
            RiskBand? previous = null;
            for (var i = _starts[c]; i < _starts[c + 1]; i++)
            {
                var band = RiskCombination.Combine(cutoffs.BandOf(_probabilities[i]), _signals[i], previous);
                if (band == RiskBand.High && previous != RiskBand.High)
                {
                    alerts++;
                }

                previous = band;
            }
        }

        return alerts;
    }

    /// <summary>Escalations into High per 1,000 customers per month.</summary>
    public double AlertsPer1000(BandCutoffs cutoffs) => CustomerMonths <= 0 ? 0 : Escalations(cutoffs) * 1000d / CustomerMonths;
}
