using System.Globalization;
using CreditRisk.Core.Features;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Tests.Scoring;

/// <summary>
/// Champions trained before features were appended still load and score the same: one from before the
/// statement-history features (15 features) and one from before the amount features (25), each stored as its package
/// bytes and a few rows with the ensemble probabilities that build gave them.
/// </summary>
public sealed class ChampionBeforeNewFeaturesTests
{
    [Theory]
    [InlineData(15)]
    [InlineData(25)]
    public void Load_PackageWithTheFirstFeatures_ScoresAsBefore(int featureCount)
    {
        var model = ModelPackage.Load($"v-{featureCount}", Resource($"champion-{featureCount}-features.zip"));
        var rows = Lines($"champion-{featureCount}-rows.csv").Select(ParseRow).ToList();
        var expected = Lines($"champion-{featureCount}-probs.csv").Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(FeatureNames.Ordered.Take(featureCount), model.FeatureNames);
        Assert.All(rows, row => Assert.Equal(featureCount, row.Length));
        var random = new Random(7);
        for (var r = 0; r < rows.Count; r++)
        {
            // Today's engine vector: the old values, then the appended features (anything: the model must ignore them).
            var vector = new double?[FeatureIndex.Count];
            rows[r].CopyTo(vector, 0);
            for (var i = rows[r].Length; i < vector.Length; i++)
            {
                vector[i] = random.NextDouble() * 1_000;
            }

            Assert.Equal(expected[r], model.Probabilities(vector).Ensemble, 12);
            Assert.All(model.Score(vector).Contributions, c => Assert.Contains(c.Feature, FeatureNames.Ordered.Take(featureCount)));
        }
    }

    [Fact]
    public void Load_FeaturesNotLeadingTheEngines_Refused()
    {
        var error = Assert.Throws<ModelIncompatibleException>(() =>
            ModelIncompatibleException.ThrowIfFeaturesDiffer("v-x", [FeatureNames.MerchantMixIndex30d, FeatureNames.UtilisationPct], FeatureNames.Ordered));

        Assert.Contains("Retrain", error.Message, StringComparison.Ordinal);
    }

    private static double?[] ParseRow(string line) =>
        [.. line.Split(',').Select(v => v.Length == 0 ? (double?)null : double.Parse(v, CultureInfo.InvariantCulture))];

    private static string[] Lines(string name) =>
        System.Text.Encoding.UTF8.GetString(Resource(name)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static byte[] Resource(string name)
    {
        var assembly = typeof(ChampionBeforeNewFeaturesTests).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
