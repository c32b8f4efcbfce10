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
}
