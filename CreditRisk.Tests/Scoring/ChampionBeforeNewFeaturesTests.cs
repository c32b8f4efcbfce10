using System.Globalization;
using CreditRisk.Core.Features;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Tests.Scoring;

/// <summary>
/// A champion trained before the statement-history features were appended (15 features, package bytes and a few of
/// its training rows with their ensemble probabilities, written by that build) still loads and scores the same.
/// </summary>
public sealed class ChampionBeforeNewFeaturesTests
{
    [Fact]
    public void Load_PackageWithTheFirst15Features_ScoresAsBefore()
    {
        var model = ModelPackage.Load("v-15", Resource("champion-15-features.zip"));
        var rows = Lines("champion-15-rows.csv").Select(ParseRow).ToList();
        var expected = Lines("champion-15-probs.csv").Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(FeatureNames.Ordered.Take(15), model.FeatureNames);
        var random = new Random(7);
        for (var r = 0; r < rows.Count; r++)
        {
            // Today's engine vector: the old 15 values, then the appended features (anything: the model must ignore them).
            var vector = new double?[FeatureIndex.Count];
            rows[r].CopyTo(vector, 0);
            for (var i = rows[r].Length; i < vector.Length; i++)
            {
                vector[i] = random.NextDouble() * 1_000;
            }

            Assert.Equal(expected[r], model.Probabilities(vector).Ensemble, 12);
            Assert.All(model.Score(vector).Contributions, c => Assert.Contains(c.Feature, FeatureNames.Ordered.Take(15)));
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
