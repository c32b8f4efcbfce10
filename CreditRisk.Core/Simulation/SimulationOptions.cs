using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Simulation;

/// <summary>What portfolio <see cref="PortfolioSimulator"/> generates. Bound from the <c>Simulation</c> section.</summary>
public sealed class SimulationOptions
{
    public const string SectionName = "Simulation";

    /// <summary>Number of customers (≥ 1). Default 1,000.</summary>
    [Range(1, int.MaxValue)]
    public int Customers { get; set; } = 1_000;

    /// <summary>Length of the simulated period in calendar months (1–60). Default 12.</summary>
    [Range(1, 60)]
    public int Months { get; set; } = 12;

    /// <summary>Seed of every random draw; the same seed and options give byte-identical output. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// Exclusive end of the period: transactions happen before this date (UTC) and the last statement is dated
    /// the day before. Null (the default) means the first day of the current month by the injected clock.
    /// </summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>Outcome window of <c>labels.csv</c> in days: label 1 when the first 30+ DPD date falls within it after <c>as_of</c>. Default 90.</summary>
    [Range(1, 730)]
    public int OutcomeWindowDays { get; set; } = 90;

    /// <summary>
    /// First in-period statement (1-based) that can serve as an observation date, so every labelled row has at
    /// least this many months of history. Default 3.
    /// </summary>
    [Range(1, 60)]
    public int FirstObservationCycle { get; set; } = 3;

    /// <summary>How observation dates are chosen for <c>labels.csv</c>. Default <see cref="LabelPolicy.OnePerCustomer"/>.</summary>
    public LabelPolicy LabelPolicy { get; set; } = LabelPolicy.OnePerCustomer;
}
