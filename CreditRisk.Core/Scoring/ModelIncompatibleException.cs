namespace CreditRisk.Core.Scoring;

/// <summary>A stored model cannot be used: its feature list differs from the feature engine's, or its package is unreadable.</summary>
public sealed class ModelIncompatibleException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// Throws unless <paramref name="modelFeatures"/> are the first features of <paramref name="engineFeatures"/> (same
    /// names, same order). Features are only ever appended to the engine's list, so a model trained before an addition
    /// reads exactly the positions it was trained on and ignores the rest.
    /// </summary>
    public static void ThrowIfFeaturesDiffer(string version, IReadOnlyList<string> modelFeatures, IReadOnlyList<string> engineFeatures)
    {
        if (Features.FeatureNames.AreLeadingOf(modelFeatures, engineFeatures))
        {
            return;
        }

        var missing = engineFeatures.Except(modelFeatures, StringComparer.Ordinal).ToList();
        var extra = modelFeatures.Except(engineFeatures, StringComparer.Ordinal).ToList();
        var detail = missing.Count == 0 && extra.Count == 0
            ? "the same names in a different order"
            : string.Join("; ", new[]
            {
                missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : null,
                extra.Count > 0 ? $"unknown {string.Join(", ", extra)}" : null,
            }.OfType<string>());
        throw new ModelIncompatibleException(
            $"Model '{version}' was trained on {modelFeatures.Count} features that do not match the feature engine's " +
            $"{engineFeatures.Count} ({detail}). Retrain the model with the current feature engine.");
    }

    /// <summary>
    /// Throws for a snapshot version asked to score behavioural data (evaluate, a replay): it loads, since it fits its
    /// own family, but its inputs are the snapshot's, so its figures on behavioural vectors would mean nothing.
    /// </summary>
    public static void ThrowUnlessBehavioural(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (ModelFamilies.Of(version.FeatureNames) == ModelFamily.Snapshot)
        {
            throw new ModelIncompatibleException(
                $"Model '{version.Id}' is a snapshot model: it scores snapshot rows, not transaction and statement history. " +
                "Name a behavioural version, or measure it with train --snapshot.");
        }
    }
}
