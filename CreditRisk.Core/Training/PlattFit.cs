using CreditRisk.Core.Scoring;

namespace CreditRisk.Core.Training;

/// <summary>
/// Fits <see cref="PlattScaling"/> to margins and outcomes by maximum likelihood: Newton's method with a backtracking
/// line search and Platt's smoothed targets ((N₊ + 1) ÷ (N₊ + 2) and 1 ÷ (N₋ + 2), so a perfectly separated sample
/// still gets finite parameters), as in Lin, Lin and Weng, "A note on Platt's probabilistic outputs for support vector
/// machines" (2007), the algorithm ML.NET's and LIBSVM's Platt calibrators use.
/// </summary>
internal static class PlattFit
{
    private const int MaxIterations = 100;
    private const double MinStep = 1e-10;
    private const double Sigma = 1e-12;
    private const double Tolerance = 1e-5;

    /// <summary>The fitted scaling; null when either outcome is absent.</summary>
    public static PlattScaling? Fit(IReadOnlyList<double> margins, IReadOnlyList<bool> labels)
    {
        if (margins.Count != labels.Count)
        {
            throw new ArgumentException($"{margins.Count} margins but {labels.Count} labels.");
        }

        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        var hi = (positives + 1d) / (positives + 2d);
        var lo = 1d / (negatives + 2d);
        var targets = labels.Select(l => l ? hi : lo).ToArray();
        var a = 0d;
        var b = Math.Log((negatives + 1d) / (positives + 1d));
        var value = Objective(margins, targets, a, b);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            double h11 = Sigma, h22 = Sigma, h21 = 0, g1 = 0, g2 = 0;
            for (var i = 0; i < margins.Count; i++)
            {
                var f = margins[i];
                var p = Probability(a, b, f);
                var d2 = p * (1 - p);
                h11 += f * f * d2;
                h22 += d2;
                h21 += f * d2;
                var d1 = targets[i] - p;
                g1 += f * d1;
                g2 += d1;
            }

            if (Math.Abs(g1) < Tolerance && Math.Abs(g2) < Tolerance)
            {
                return new PlattScaling(a, b);
            }

            var det = (h11 * h22) - (h21 * h21);
            var da = -((h22 * g1) - (h21 * g2)) / det;
            var db = -((-h21 * g1) + (h11 * g2)) / det;
            var gd = (g1 * da) + (g2 * db);
            var step = 1d;
            while (step >= MinStep)
            {
                var (na, nb) = (a + (step * da), b + (step * db));
                var next = Objective(margins, targets, na, nb);
                if (next < value + (0.0001 * step * gd))
                {
                    (a, b, value) = (na, nb, next);
                    break;
                }

                step /= 2;
            }

            if (step < MinStep)
            {
                // No step improves the objective any more: the fit is at the limit of double precision (a large
                // sample's gradient never reaches the absolute tolerance). LIBSVM keeps the parameters reached too.
                return new PlattScaling(a, b);
            }
        }

        return new PlattScaling(a, b);
    }

    /// <summary>P(bad) = 1 ÷ (1 + exp(a·f + b)), computed on the side that cannot overflow.</summary>
    private static double Probability(double a, double b, double f)
    {
        var z = (a * f) + b;
        return z >= 0 ? Math.Exp(-z) / (1 + Math.Exp(-z)) : 1 / (1 + Math.Exp(z));
    }

    /// <summary>Cross-entropy of the targets, in the overflow-safe form.</summary>
    private static double Objective(IReadOnlyList<double> margins, double[] targets, double a, double b)
    {
        double sum = 0;
        for (var i = 0; i < margins.Count; i++)
        {
            var z = (margins[i] * a) + b;
            sum += z >= 0 ? (targets[i] * z) + Math.Log(1 + Math.Exp(-z)) : ((targets[i] - 1) * z) + Math.Log(1 + Math.Exp(z));
        }

        return sum;
    }
}
