namespace CreditRisk.Core.Simulation;

/// <summary>One row of <c>labels.csv</c>: did the customer reach 30+ DPD within the outcome window after <see cref="AsOf"/>?</summary>
public sealed record DelinquencyLabel
{
    public required string CustomerId { get; init; }

    /// <summary>Observation date; features for this row may use only data before it.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>True (label 1) when the first 30+ DPD date is after <see cref="AsOf"/> and at most the outcome window later.</summary>
    public required bool BecameDelinquent { get; init; }
}
