using CreditRisk.Core.Customers;
using CreditRisk.Core.Features;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Risk;

/// <summary>
/// One customer's assessment from their behaviour profile: features → champion score (when a usable champion is
/// registered) → confirmed rules → combined band and reasons. Pure but for the champion lookup.
/// </summary>
internal sealed class BehaviorAssessor(IChampionModelProvider models, IOptions<BandingOptions> banding, ILogger logger)
{
    private string? _rejectedModelVersion;

    /// <summary>The champion, or null when none is registered or it expects features the engine does not compute (logged once).</summary>
    public async ValueTask<IRiskModel?> UsableModelAsync(CancellationToken ct)
    {
        var model = await models.GetChampionAsync(ct).ConfigureAwait(false);
        if (model is null || FeatureNames.AreLeadingOf(model.FeatureNames, FeatureNames.Ordered))
        {
            return model;
        }

        if (!string.Equals(Interlocked.Exchange(ref _rejectedModelVersion, model.Version), model.Version, StringComparison.Ordinal))
        {
            logger.LogError(
                "Champion model {Version} expects features [{Expected}] but the engine computes [{Actual}]; scoring with rules alone",
                model.Version, string.Join(", ", model.FeatureNames), string.Join(", ", FeatureNames.Ordered));
        }

        return null;
    }

    public RiskAssessment Assess(
        string id,
        BehaviorProfile profile,
        Customer? customer,
        CustomerRisk? prior,
        IRiskModel? model,
        RuleSettings settings,
        DateTimeOffset asOf,
        string trigger,
        DateTimeOffset now)
    {
        var features = FeatureEngine.Compute(profile, customer?.CreditLimit, asOf);
        var ruleResult = RuleReading.Confirmed(profile, customer?.CreditLimit, asOf, features, settings);
        var score = model?.Score(features);
        RiskBand? modelBand = score is null ? null : BandCutoffResolver.BandOf(score.Ensemble, banding.Value, model);
        var band = RiskCombination.Combine(modelBand, ruleResult.Signals, prior?.Band);
        return new RiskAssessment
        {
            Id = id,
            CustomerId = profile.CustomerId,
            AssessedAt = asOf,
            ComputedAt = now,
            Trigger = trigger,
            Features = FeatureEngine.ToFeatureValues(features),
            LogisticProbability = score?.Logistic,
            TreeProbability = score?.Tree,
            EnsembleProbability = score?.Ensemble,
            ModelBand = modelBand,
            RuleBand = ruleResult.Band,
            Band = band,
            PreviousBand = prior?.Band,
            EscalationBasis = EscalationKeys.NextBasis(id, band, prior),
            ProfileVersion = profile.Version,
            RuleHits = [.. ruleResult.Hits],
            Reasons = RiskReasons.Compose(ruleResult, score, modelBand, RiskCombination.IsHeldHigh(modelBand, ruleResult.Signals, prior?.Band)),
            ModelVersion = score is null ? null : model!.Version,
        };
    }
}
