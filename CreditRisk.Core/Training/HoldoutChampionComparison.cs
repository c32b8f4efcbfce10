using System.Globalization;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Training;

/// <summary>
/// Scores the champion of a new version's family on exactly the new version's hold-out rows, so a retrain's AUC and
/// Brier score can be read beside the champion's on the same customers and months instead of on two different
/// hold-outs. Run before the new version is registered (and promoted), so "champion" is the one it would replace.
/// </summary>
public static class HoldoutChampionComparison
{
    /// <param name="registry">Where the champion of the family is found.</param>
    /// <param name="featureNames">The new version's feature list, i.e. the columns of <paramref name="holdout"/>.</param>
    /// <param name="holdout">The new version's hold-out rows.</param>
    /// <param name="versionScores">The new version's ensemble probabilities on <paramref name="holdout"/>, row by row.</param>
    /// <param name="ct">Stops scoring.</param>
    public static async Task<ChampionComparison> CompareAsync(
        IModelRegistry registry, IReadOnlyList<string> featureNames, IReadOnlyList<LabeledRow> holdout, IReadOnlyList<double> versionScores,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(versionScores);
        if (versionScores.Count != holdout.Count)
        {
            throw new ArgumentException($"{versionScores.Count} scores for {holdout.Count} hold-out rows.", nameof(versionScores));
        }

        var labels = holdout.Select(r => r.Label).ToArray();
        var measured = new ChampionComparison
        {
            Rows = holdout.Count,
            Positives = labels.Count(l => l),
            VersionAuc = BinaryMetrics.Auc(versionScores, labels),
            VersionBrier = BinaryMetrics.Brier(versionScores, labels),
        };

        var family = ModelFamilies.Of(featureNames);
        var listed = (await registry.ListAsync(ct).ConfigureAwait(false))
            .FirstOrDefault(v => v.IsChampion && ModelFamilies.Of(v.FeatureNames) == family);
        if (listed is null)
        {
            return measured with { Reason = $"No {ModelFamilies.Describe(family)} champion was registered when this version was trained." };
        }

        measured = measured with { ChampionVersion = listed.Id };

        // A model reads the leading positions of a vector it was trained on, so a champion from before a feature was
        // appended still scores today's rows; any other difference means it cannot read them.
        if (!Features.FeatureNames.AreLeadingOf(listed.FeatureNames, featureNames))
        {
            return measured with
            {
                Reason = $"The champion {listed.Id} reads {listed.FeatureNames.Count} features that do not fit this version's {featureNames.Count} ({Difference(listed.FeatureNames, featureNames)}), so it cannot score these rows.",
            };
        }

        var champion = await registry.GetAsync(listed.Id, ct).ConfigureAwait(false);
        if (champion is null)
        {
            return measured with { Reason = $"The champion {listed.Id} left the registry while this version was trained." };
        }

        EnsembleRiskModel model;
        try
        {
            model = ModelPackage.Load(champion);
        }
        catch (ModelIncompatibleException e)
        {
            // Not swallowed: the reason is stored with the version and shown beside its figures.
            return measured with { Reason = $"The champion {listed.Id} cannot be loaded: {e.Message}" };
        }

        var scores = new double[holdout.Count];
        for (var i = 0; i < holdout.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            scores[i] = model.Probabilities(holdout[i].Features).Ensemble;
        }

        return measured with
        {
            Compared = true,
            ChampionAuc = BinaryMetrics.Auc(scores, labels),
            ChampionBrier = BinaryMetrics.Brier(scores, labels),
            Note = OverlapNote(champion, holdout),
        };
    }

    /// <summary>
    /// The champion may have been trained on some of these rows (its data ran past the earliest hold-out date), which
    /// flatters it; the registry keeps no customer list to tell for sure, so say so rather than guess.
    /// </summary>
    private static string? OverlapNote(ModelVersion champion, IReadOnlyList<LabeledRow> holdout)
    {
        if (holdout.Count == 0
            || !champion.TrainingSummary.TryGetValue("as_of_to", out var text)
            || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var trainedTo)
            || holdout.Min(r => r.AsOf) > trainedTo)
        {
            return null;
        }

        return $"The champion was trained on data up to {text}: if that included these customers it may have seen some of these rows, which flatters its figures.";
    }

    private static string Difference(IReadOnlyList<string> champion, IReadOnlyList<string> version)
    {
        var missing = version.Except(champion, StringComparer.Ordinal).Count();
        var unknown = champion.Except(version, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return $"it needs {string.Join(", ", unknown)}, which these rows do not have";
        }

        return missing > 0 ? "its features are not the first ones of this version's list, in order" : "the same names in a different order";
    }
}
