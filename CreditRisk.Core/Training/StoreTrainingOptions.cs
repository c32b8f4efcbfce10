using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Training;

/// <summary>How a model is retrained from the stored data (section <c>StoreTraining</c>); see docs/models.md.</summary>
public sealed class StoreTrainingOptions
{
    public const string SectionName = "StoreTraining";

    /// <summary>
    /// Outcome window in days: a row is labelled bad when the customer's first 30+ DPD date falls in
    /// (as_of, as_of + window]. Default 90, as the simulator's labels (<c>Simulation:OutcomeWindowDays</c>).
    /// </summary>
    [Range(1, 730)]
    public int OutcomeWindowDays { get; set; } = 90;

    /// <summary>
    /// Stored statements a customer needs before a statement date can be an observation date, so every row has that
    /// much history. Default 3, as the simulator's <c>FirstObservationCycle</c> (its opening statement counts).
    /// </summary>
    [Range(0, 60)]
    public int MinimumPriorStatements { get; set; } = 3;

    /// <summary>Customers read from the store per page. Default 500.</summary>
    [Range(1, 100_000)]
    public int PageSize { get; set; } = 500;

    /// <summary>Fewest labelled rows to train on; fewer fails with a <see cref="TrainingDataException"/>. Default 500.</summary>
    [Range(2, int.MaxValue)]
    public int MinimumRows { get; set; } = 500;

    /// <summary>Fewest bad (label 1) rows to train on; fewer fails with a <see cref="TrainingDataException"/>. Default 30.</summary>
    [Range(1, int.MaxValue)]
    public int MinimumPositives { get; set; } = 30;

    /// <summary>Share of customers held out for the measures (0–1, exclusive). Default 0.3, as <c>creditrisk train</c>.</summary>
    [Range(0.01, 0.99)]
    public double HoldoutShare { get; set; } = 0.3;

    /// <summary>Seed of the split and the trainers. Default 42, as <c>creditrisk train</c>.</summary>
    public int Seed { get; set; } = 42;
}
