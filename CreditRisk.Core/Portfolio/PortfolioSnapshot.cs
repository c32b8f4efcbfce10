using CreditRisk.Core.Alerts;
using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Portfolio;

/// <summary>Everything the portfolio page shows, computed in the background so a page load is a memory read.</summary>
/// <param name="ComputedAt">When it was computed (UTC).</param>
/// <param name="Customers">Customers in the store.</param>
/// <param name="Bands">Customers currently in each band (every band present).</param>
/// <param name="ScoreHistogram">Current scores in equal-width bins by band, over a range fitted to the scores and the cut-offs.</param>
/// <param name="Cutoffs">The band cut-offs in force when it was computed, and whose they are.</param>
/// <param name="HighRiskTrend">Customers in High at the end of each of the last <see cref="PortfolioOptions.TrendDays"/> days, oldest first (fewer days when the band changes read were cut at <see cref="PortfolioOptions.MaxBandChanges"/>).</param>
/// <param name="Migration">Band at the start of the window → band now, over the last <see cref="PortfolioOptions.MigrationDays"/> days.</param>
/// <param name="Alerts">The WhatsApp funnel and read rate.</param>
/// <param name="Champion">The champion model and its population stability; null when rules alone decide.</param>
public sealed record PortfolioSnapshot(
    DateTimeOffset ComputedAt,
    long Customers,
    IReadOnlyDictionary<RiskBand, long> Bands,
    ScoreHistogram ScoreHistogram,
    EffectiveCutoffs Cutoffs,
    IReadOnlyList<DailyCount> HighRiskTrend,
    BandMigration Migration,
    AlertMetrics Alerts,
    ChampionSummary? Champion);

public sealed record DailyCount(DateOnly Day, long Count);

/// <summary>
/// Customers by band at the window start (rows; <see cref="NewRow"/> for customers first scored inside the window)
/// and band now (columns). <paramref name="Counts"/>[row][column], rows Low, Medium, High, New; columns Low, Medium, High.
/// </summary>
public sealed record BandMigration(DateTimeOffset Since, IReadOnlyList<IReadOnlyList<long>> Counts, bool Truncated)
{
    /// <summary>Index of the row for customers without a band at the window start.</summary>
    public const int NewRow = 3;
}

/// <param name="Version">Registry id of the champion.</param>
/// <param name="Psi">
/// Population stability of the current scores this model gave against its training scores; null when unknown (no
/// training scores kept, or no customer scored by it yet).
/// </param>
/// <param name="PsiReading">stable, watch or shifted.</param>
/// <param name="ScoredCustomers">Customers whose current score is this model's: the population <paramref name="Psi"/> reads.</param>
public sealed record ChampionSummary(string Version, double? Psi, string? PsiReading, long ScoredCustomers);
