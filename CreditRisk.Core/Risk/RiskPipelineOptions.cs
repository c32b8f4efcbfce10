using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Risk;

/// <summary>Behaviour of the real-time risk pipeline (section <c>RiskPipeline</c>).</summary>
public sealed class RiskPipelineOptions
{
    public const string SectionName = "RiskPipeline";

    /// <summary>Attempts to save a profile when another writer keeps winning the optimistic version check. Default 20.</summary>
    [Range(1, 1_000)]
    public int MaxSaveAttempts { get; set; } = 20;

    /// <summary>Customers processed under one set of locks and one bulk read/write round; larger batches are split. Default 256.</summary>
    [Range(1, 10_000)]
    public int CustomersPerChunk { get; set; } = 256;

    /// <summary>WhatsApp template named on automatic High-risk alerts. Default <c>high_risk_alert</c>.</summary>
    [Required]
    public string AlertTemplateName { get; set; } = "high_risk_alert";

    /// <summary>
    /// Seconds a transaction may stay pending (stored but not yet applied) before recovery treats it as orphaned by a
    /// crashed or failed run and rebuilds its customer. Default 0, exact for a single app instance (the embedded store
    /// allows only one; within a process the pipeline and recovery exclude each other per customer). When several
    /// instances share MongoDB, set it above the longest ingest request (e.g. 60), so that one instance never rebuilds
    /// a customer whose batch another is still applying.
    /// </summary>
    [Range(0, 86_400)]
    public int RecoveryGraceSeconds { get; set; }

    /// <summary>
    /// Seconds between background sweeps that recover transactions pending for longer than this plus
    /// <see cref="RecoveryGraceSeconds"/> (left behind when the pipeline failed on a request). Recovery also runs once
    /// at start-up and whenever a client re-sends a transaction that a previous process left pending. Default 300;
    /// 0 turns sweeps off.
    /// </summary>
    [Range(0, 86_400)]
    public int RecoverySweepSeconds { get; set; } = 300;

    /// <summary>
    /// Seconds the pipeline may spend on one ingest's data once it is stored. The request's own cancellation (a client
    /// that hangs up or times out) does not stop it: the data is committed, and stopping half-way would leave the
    /// customers' risk stale until recovery. A run that takes longer is cancelled; its transactions stay pending and
    /// are recovered by the next replay of them or the recovery sweep. Default 120.
    /// </summary>
    [Range(1, 3_600)]
    public int PostCommitTimeoutSeconds { get; set; } = 120;
}
