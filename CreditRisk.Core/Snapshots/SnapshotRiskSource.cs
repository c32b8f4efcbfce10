using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// What the risk pipeline needs to assess a snapshot-only customer (<see cref="RiskSources"/>): their stored snapshot,
/// the snapshot champion (only when its feature list is exactly <see cref="SnapshotFeatures.Ordered"/>: a model never
/// scores a vector it was not trained on), and the assessment itself — the snapshot columns as features, the snapshot
/// rules, the champion's band and reasons, combined as for any customer (<see cref="RiskCombination"/>).
/// </summary>
public sealed class SnapshotRiskSource(
    ICustomerSnapshotRepository snapshots,
    SnapshotChampionProvider models,
    IOptions<SnapshotOptions> options,
    IOptions<BandingOptions> banding,
    ILogger<SnapshotRiskSource> logger)
{
    private string? _rejectedModelVersion;

    public Task<IReadOnlyDictionary<string, CustomerSnapshot>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct) =>
        snapshots.GetManyAsync(customerIds, ct);

    /// <summary>The snapshot champion, or null when there is none or its features are not the snapshot's.</summary>
    public async ValueTask<IRiskModel?> ModelAsync(CancellationToken ct)
    {
        var model = await models.GetChampionAsync(ct).ConfigureAwait(false);
        if (model is null || SnapshotFeatures.Matches(model.FeatureNames))
        {
            return model;
        }

        if (!string.Equals(Interlocked.Exchange(ref _rejectedModelVersion, model.Version), model.Version, StringComparison.Ordinal))
        {
            logger.LogError(
                "Snapshot champion {Version} expects features [{Expected}] but snapshots give [{Actual}]; scoring snapshot customers with rules alone",
                model.Version, string.Join(", ", model.FeatureNames), string.Join(", ", SnapshotFeatures.Ordered));
        }

        return null;
    }

    /// <summary>
    /// Assesses <paramref name="snapshot"/>; the caller supplies the id, times and trigger as for a behavioural
    /// assessment (<paramref name="computedAt"/>: when it is computed, as the grid shows it).
    /// </summary>
    public RiskAssessment Assess(
        string id, CustomerSnapshot snapshot, CustomerRisk? prior, IRiskModel? model, RuleSettings settings, DateTimeOffset asOf, string trigger,
        DateTimeOffset computedAt)
    {
        var features = SnapshotFeatures.Vector(snapshot);
        var rules = SnapshotRules.Evaluate(snapshot, settings, options.Value);
        var score = model?.Score(features);
        RiskBand? modelBand = score is null ? null : BandCutoffResolver.BandOf(score.Ensemble, banding.Value, model);
        var band = RiskCombination.Combine(modelBand, rules.Signals, prior?.Band);
        return new RiskAssessment
        {
            Id = id,
            CustomerId = snapshot.CustomerId,
            AssessedAt = asOf,
            ComputedAt = computedAt,
            Trigger = trigger,
            Features = [.. SnapshotFeatures.Ordered.Select((name, i) => new FeatureValue(name, features[i]))],
            LogisticProbability = score?.Logistic,
            TreeProbability = score?.Tree,
            EnsembleProbability = score?.Ensemble,
            ModelBand = modelBand,
            RuleBand = rules.Band,
            Band = band,
            PreviousBand = prior?.Band,

            // The last fall below High, as for behavioural assessments: two instances reading different priors below
            // High must key one escalation alike, or both raise an alert.
            EscalationBasis = EscalationKeys.NextBasis(id, band, prior),
            RuleHits = [.. rules.Hits],
            Reasons = RiskReasons.Compose(
                rules, score, modelBand, RiskCombination.IsHeldHigh(modelBand, rules.Signals, prior?.Band), RiskReasons.NoSnapshotModel),
            ModelVersion = score is null ? null : model!.Version,
        };
    }
}
