using System.Globalization;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Training;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// Trains a snapshot model: checks the whole file (the DPD bucket is required on every row), labels each row "DPD
/// bucket next month ≥ <see cref="SnapshotOptions.LabelFromBucket"/>" (or the request's), and hands the rows to the
/// <see cref="TrainingService"/> — the same split, logistic regression, tree, 0.6/0.4 ensemble, challenger, cut-offs
/// and measures as any version — registered with the snapshot feature list (<see cref="SnapshotFeatures"/>).
/// </summary>
public sealed class SnapshotTrainer(TrainingService training, IOptions<SnapshotOptions> options, TimeProvider time)
{
    /// <summary>
    /// Trains on <paramref name="path"/>; a file with problems trains nothing and comes back with them.
    /// <paramref name="asOf"/> (default today) dates the rows; <paramref name="sourceName"/> (default the file name) is
    /// what the training summary calls the file.
    /// </summary>
    /// <exception cref="TrainingDataException">The rows cannot train a model (one outcome only, too few rows).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public async Task<SnapshotTrainingResult> TrainAsync(
        string path, TrainingRequest request, int? labelFromBucket = null, DateOnly? asOf = null, string? sourceName = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var threshold = labelFromBucket ?? options.Value.LabelFromBucket;
        if (threshold is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(labelFromBucket), threshold, "The label is 'DPD bucket ≥ 1, 2 or 3'.");
        }

        var now = time.GetUtcNow();
        var content = SnapshotFile.Read(
            path, asOf ?? DateOnly.FromDateTime(now.UtcDateTime), now, requireLabel: true, IngestionOptions.LargestMaxAccountAmount, ct: ct);
        if (!content.IsValid)
        {
            return new SnapshotTrainingResult(null, content);
        }

        var rows = Rows(content, threshold);
        var report = await training.TrainAsync(new TrainingRows
        {
            Rows = rows,
            Source = $"snapshot {sourceName ?? Path.GetFileName(path)}",
            HasTransactions = false,
            HasStatements = false,
            FeatureNames = SnapshotFeatures.Ordered,
            Details = new Dictionary<string, string>
            {
                ["label"] = $"DPD bucket next month >= {threshold.ToString(CultureInfo.InvariantCulture)}",
                ["family"] = "snapshot",
            },
        }, request, ct).ConfigureAwait(false);
        return new SnapshotTrainingResult(report, content) { LabelFromBucket = threshold };
    }

    /// <summary>
    /// The customer ids <see cref="TrainAsync"/> held out for the measures (the same seeded split), so another tool can be
    /// measured on exactly the same rows (docs/models.md compares scikit-learn this way).
    /// </summary>
    public static IReadOnlyList<string> HoldoutCustomers(SnapshotFileContent content, int labelFromBucket, double holdoutShare, int seed)
    {
        ArgumentNullException.ThrowIfNull(content);
        var rows = Rows(content, labelFromBucket);
        return [.. HoldoutSplit.Split(rows, holdoutShare, seed).Holdout.Select(i => rows[i].CustomerId)];
    }

    private static List<LabeledRow> Rows(SnapshotFileContent content, int threshold) =>
        [.. content.Snapshots.Select(s => new LabeledRow(s.CustomerId, s.AsOf, s.DpdBucketNextMonth >= threshold, SnapshotFeatures.Vector(s)))];
}

/// <summary>The trained version's report, or null with the file's problems.</summary>
public sealed record SnapshotTrainingResult(ModelReport? Report, SnapshotFileContent File)
{
    /// <summary>The label used: DPD bucket next month at least this.</summary>
    public int LabelFromBucket { get; init; }
}
