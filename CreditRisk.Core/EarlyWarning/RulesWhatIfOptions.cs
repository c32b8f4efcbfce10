using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>How a proposed rule change is backtested on the stored portfolio (section <c>RulesWhatIf</c>); see docs/early-warning.md.</summary>
public sealed class RulesWhatIfOptions
{
    public const string SectionName = "RulesWhatIf";

    /// <summary>Days of stored history replayed, up to today. Default 365.</summary>
    [Range(28, 3_660)]
    public int LookBackDays { get; set; } = 365;

    /// <summary>
    /// Most customers replayed: a larger portfolio is sampled, always the same customers (those whose id hashes
    /// lowest), so runs compare. Default 2,000: two replays of a year take minutes, not hours.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxCustomers { get; set; } = 2_000;

    /// <summary>Customers read from the store per page. Default 500.</summary>
    [Range(1, 100_000)]
    public int PageSize { get; set; } = 500;

    /// <summary>Days of data per replay step (1–31), as <c>early-warning --step-days</c>. Default 7.</summary>
    [Range(1, 31)]
    public int StepDays { get; set; } = 7;

    /// <summary>
    /// Replay shards run at once, each with its own temporary store. Default: half the processors (at least one), so the
    /// web app keeps serving while a backtest runs.
    /// </summary>
    [Range(1, 256)]
    public int Parallelism { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Where the temporary stores go (deleted afterwards); default <c>/dev/shm</c> when it has room, else the temporary directory.</summary>
    public string? WorkDirectory { get; set; }
}
