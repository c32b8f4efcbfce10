using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// Customer-level snapshots (section <c>Snapshots</c>): the training label and the two rule thresholds that need the
/// snapshot's own units. Utilisation, cash share and spend drop use the expert rules' thresholds as they are (same
/// units); the minimum-due and merchant-mix rules watch a streak and a fall over time, which a snapshot cannot show, so
/// here they read the snapshot's level instead.
/// </summary>
public sealed class SnapshotOptions
{
    public const string SectionName = "Snapshots";

    /// <summary>Training label: "DPD Bucket Next Month" at least this (1 = any days past due, 2 = 31+ days). Default 1.</summary>
    [Range(1, 3)]
    public int LabelFromBucket { get; set; } = 1;

    /// <summary>"Min Due Paid Frequency" above this fires the minimum-due-only rule (Medium; High with high utilisation), in %. Default 50.</summary>
    [Range(1d, 100d)]
    public double MinDueOnlyFrequencyPct { get; set; } = 50;

    /// <summary>"Merchant Mix Index" below this fires the merchant-mix rule (Medium), index 0–1. Default 0.2.</summary>
    [Range(0.01d, 1d)]
    public double MerchantMixIndexBelow { get; set; } = 0.2;

    /// <summary>Snapshot rows written per batch on import (customers, snapshots, assessments). Default 1000.</summary>
    [Range(1, 10_000)]
    public int ImportBatchSize { get; set; } = 1000;

    /// <summary>Import batches written at once (each its own customers). Default 2.</summary>
    [Range(1, 16)]
    public int ImportParallelism { get; set; } = 2;
}
