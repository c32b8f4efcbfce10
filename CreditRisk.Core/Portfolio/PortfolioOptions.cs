using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Portfolio;

/// <summary>How the portfolio snapshot is kept fresh.</summary>
public sealed class PortfolioOptions
{
    public const string SectionName = "Portfolio";

    /// <summary>Seconds between background refreshes when nothing happens. Default 60.</summary>
    [Range(5, 86_400)]
    public int RefreshSeconds { get; set; } = 60;

    /// <summary>
    /// Least seconds between two refreshes triggered by risk or alert events (bursts collapse into one), so the open
    /// portfolio pages move within about this long after an event. Default 1. A refresh that took longer waits as
    /// long as it took. With no portfolio page open, events trigger no refresh (only the periodic one runs).
    /// </summary>
    [Range(1, 3_600)]
    public int MinRefreshSeconds { get; set; } = 1;

    /// <summary>Days of the High-risk trend. Default 30.</summary>
    [Range(2, 365)]
    public int TrendDays { get; set; } = 30;

    /// <summary>Days of the band-migration window. Default 30.</summary>
    [Range(1, 365)]
    public int MigrationDays { get; set; } = 30;

    /// <summary>
    /// Most band changes read for the trend and matrix, newest first; older ones beyond it are ignored (the matrix is
    /// flagged as truncated, the trend drawn only over the days the changes read cover). Default 500,000.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int MaxBandChanges { get; set; } = 500_000;

    /// <summary>Bins of the score histogram, over a range fitted to the scores and the cut-offs in force (<see cref="ScoreHistogramReader"/>). Default 20.</summary>
    [Range(2, 100)]
    public int HistogramBins { get; set; } = 20;
}
