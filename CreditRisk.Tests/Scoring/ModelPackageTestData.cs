using System.IO.Compression;
using System.Text.Json.Nodes;
using CreditRisk.Core.Features;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Tests.Scoring;

internal static class ModelPackageTestData
{
    public static ModelVersion Version(string id, byte[] bytes, List<string>? featureNames = null) => new()
    {
        Id = id,
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        CreatedBy = "test",
        ModelBytes = bytes,
        FeatureNames = featureNames ?? [.. FeatureNames.Ordered],
        Metrics = new() { ["ensemble"] = new() { ["auc"] = 0.8 } },
        TrainingSummary = new() { ["rows"] = "3000" },
    };

    /// <summary>The same package with one feature renamed in its manifest, as a model from an older engine would be.</summary>
    public static byte[] WithRenamedFeature(byte[] bytes, string from, string to) => WithManifest(bytes, manifest =>
    {
        var names = manifest["featureNames"]!.AsArray();
        for (var i = 0; i < names.Count; i++)
        {
            if ((string?)names[i] == from)
            {
                names[i] = to;
            }
        }
    });

    /// <summary>The same package without a manifest field, as a package written before the field existed would be.</summary>
    public static byte[] WithoutManifestField(byte[] bytes, string field) => WithManifest(bytes, manifest =>
    {
        if (!manifest.AsObject().Remove(field))
        {
            throw new InvalidOperationException($"The manifest has no field '{field}' to remove.");
        }
    });

    /// <summary>
    /// The same package with its manifest edited out of step with the stored models: one input the logistic regression
    /// was fitted on marked unused, so the layout is narrower than the model (damaged or hand-edited bytes).
    /// </summary>
    public static byte[] WithLayoutNarrowerThanTheModel(byte[] bytes) => WithManifest(bytes, manifest =>
    {
        var rule = manifest["inputs"]!.AsArray().First(r => (bool)r!["useValue"]!)!;
        rule["useValue"] = false;
    });

    /// <summary>The same package with a manifest field written as an explicit null.</summary>
    public static byte[] WithManifestFieldNull(byte[] bytes, string field) => WithManifest(bytes, manifest => manifest[field] = null);

    private static byte[] WithManifest(byte[] bytes, Action<JsonNode> change)
    {
        using var buffer = new MemoryStream();
        buffer.Write(bytes);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(ModelPackage.ManifestEntry)!;
            JsonNode manifest;
            using (var read = entry.Open())
            {
                manifest = JsonNode.Parse(read)!;
            }

            change(manifest);
            entry.Delete();
            using var write = zip.CreateEntry(ModelPackage.ManifestEntry).Open();
            using var writer = new System.Text.Json.Utf8JsonWriter(write);
            manifest.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
