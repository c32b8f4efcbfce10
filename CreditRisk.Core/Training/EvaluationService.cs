using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Core.Training;

/// <summary>
/// Measures a registered version (the champion by default) on every row of a data directory, without training, at the
/// cut-offs it would band with (<see cref="BandCutoffResolver"/>: pinned by configuration, else its own), against the
/// labels it was trained on unless others are asked for (<see cref="EvaluationLabels"/>).
/// </summary>
public sealed class EvaluationService(IModelRegistry registry)
{
    /// <summary>Measures <paramref name="versionId"/> (null: the champion) against <paramref name="labels"/> (null: the ones it was trained on).</summary>
    /// <exception cref="KeyNotFoundException">No such version, or no champion when none is named.</exception>
    /// <exception cref="ModelIncompatibleException">The version does not fit the feature engine.</exception>
    /// <exception cref="TrainingDataException">
    /// The data directory is incomplete or malformed, early-warning labels are asked for (or were trained on) and its
    /// statements give too few, or the labels hold too few of either outcome to measure (<see cref="MeasurableOutcomes"/>).
    /// </exception>
    public async Task<ModelReport> EvaluateAsync(
        string dataDirectory, string? versionId, BandingOptions banding, TrainingLabels? labels = null, CancellationToken ct = default)
    {
        var version = versionId is null
            ? await registry.GetChampionAsync(ct).ConfigureAwait(false)
                ?? throw new KeyNotFoundException("No champion model is registered: train with --promote, or name a version with --model.")
            : await registry.GetAsync(versionId, ct).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"Model version '{versionId}' is not in the registry.");
        ModelIncompatibleException.ThrowUnlessBehavioural(version);
        var model = ModelPackage.Load(version);
        var cutoffs = BandCutoffResolver.Resolve(banding, model).Cutoffs;
        var (asked, chosenBy) = EvaluationLabels.Choose(labels, version, versionId is null ? "the champion" : $"version {version.Id}");
        var (history, used) = EvaluationLabels.Apply(
            TrainingDataReader.Read(dataDirectory, withLabels: asked != TrainingLabels.EarlyWarning), asked, chosenBy);
        var rows = PointInTimeFeatures.Build(history);
        var labelName = TrainingLabelNames.Name(used);
        MeasurableOutcomes.Require(
            rows, $"The evaluated data with {labelName} labels", $"with one outcome AUC, KS and Gini say nothing about the model (labels: {chosenBy})");
        var (models, psi, _) = ModelScoring.Evaluate(model, rows, cutoffs);
        return new ModelReport
        {
            Version = version.Id,
            Rows = rows.Count,
            Positives = rows.Count(r => r.Label),
            Labels = labelName,
            LabelsChosenBy = chosenBy,
            EvaluatedOn = "all",
            EvaluatedRows = rows.Count,
            Cutoffs = cutoffs,
            Psi = psi,
            Models = models,
        };
    }
}
