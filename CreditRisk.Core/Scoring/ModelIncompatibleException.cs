namespace CreditRisk.Core.Scoring;

/// <summary>A stored model cannot be used: its feature list differs from the feature engine's, or its package is unreadable.</summary>
public sealed class ModelIncompatibleException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Throws when <paramref name="modelFeatures"/> is not exactly <paramref name="engineFeatures"/> (same names, same order).</summary>
    public static void ThrowIfFeaturesDiffer(string version, IReadOnlyList<string> modelFeatures, IReadOnlyList<string> engineFeatures)
    {
        if (modelFeatures.SequenceEqual(engineFeatures, StringComparer.Ordinal))
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
}
