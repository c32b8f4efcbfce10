using System.Diagnostics;
using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Cli.Bench;

/// <summary>
/// The pipeline's computing steps with no store, one transaction at a time on one thread: profile update, features,
/// score with contributions, rules and combined band — what <see cref="RiskPipeline"/> does per customer.
/// </summary>
internal static class InMemoryPipelineBench
{
    public static InMemoryPipelineFigures Run(
        BenchPortfolio portfolio, IReadOnlyList<Transaction> stream, IRiskModel? model, RuleSettings rules, BandingOptions banding)
    {
        var profiles = new Dictionary<string, BehaviorProfile>(StringComparer.Ordinal);
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var id in stream.Select(t => t.CustomerId).Distinct(StringComparer.Ordinal))
        {
            var index = int.Parse(id.AsSpan("bench-".Length), System.Globalization.CultureInfo.InvariantCulture);
            profiles[id] = portfolio.ProfileAt(index);
            limits[id] = portfolio.CreditLimitAt(index);
        }

        var features = new double?[FeatureIndex.Count];
        var bands = new Dictionary<string, RiskBand>(StringComparer.Ordinal);
        var highs = 0L;
        var stopwatch = Stopwatch.StartNew();
        foreach (var transaction in stream)
        {
            var profile = ProfileUpdater.Apply(profiles[transaction.CustomerId], transaction);
            profiles[transaction.CustomerId] = profile;
            FeatureEngine.Compute(profile, limits[transaction.CustomerId], transaction.Timestamp, features);
            var ruleResult = RuleReading.Confirmed(profile, limits[transaction.CustomerId], transaction.Timestamp, features, rules);
            var score = model?.Score(features);
            RiskBand? modelBand = score is null ? null : BandCutoffResolver.BandOf(score.Ensemble, banding, model);
            var band = RiskCombination.Combine(modelBand, ruleResult.Signals, bands.GetValueOrDefault(transaction.CustomerId));
            bands[transaction.CustomerId] = band;
            highs += band == RiskBand.High ? 1 : 0;
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        GC.KeepAlive(highs);
        return new InMemoryPipelineFigures(1, stream.Count, stream.Count / seconds);
    }
}
