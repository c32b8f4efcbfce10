using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Demo;

/// <summary>The demo portfolio seeded on first run (section <c>Demo</c>); see docs/demo.md.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>
    /// Seed a simulated portfolio, a trained champion model and everyone's risk when the store has no customers.
    /// Null (the default) means on for the embedded LiteDB store and off for MongoDB, which is seeded only when this
    /// is set to true explicitly.
    /// </summary>
    public bool? SeedOnFirstRun { get; set; }

    /// <summary>Customers in the demo portfolio (10–100,000). Default 2,000.</summary>
    [Range(10, 100_000)]
    public int Customers { get; set; } = 2_000;

    /// <summary>
    /// Months of simulated history (6–24). Default 12: the model's labels need three months of history plus a fully
    /// observed 90-day outcome, so 6 months give one observation date per customer and about 3.5% delinquencies
    /// (too few positives to train on 2,000 customers); 12 months give seven dates and 8% delinquencies.
    /// </summary>
    [Range(6, 24)]
    public int Months { get; set; } = 12;

    /// <summary>Seed of the simulation and of the model's training; the same seed gives the same portfolio. Default 7.</summary>
    public int Seed { get; set; } = 7;
}
