namespace CreditRisk.Core.Scoring;

/// <summary>
/// Hands the risk pipeline the current champion model. The model is loaded once and cached; a newly promoted
/// champion is picked up without a restart (on <see cref="RefreshAsync"/> or after
/// <see cref="ModelOptions.ChampionCheckSeconds"/>).
/// </summary>
public interface IChampionModelProvider
{
    /// <summary>
    /// The champion, or null when no model has been promoted (or the champion was refused, see the log); cheap on
    /// the hot path: a cached reference unless the check interval has passed.
    /// </summary>
    ValueTask<IRiskModel?> GetChampionAsync(CancellationToken ct = default);

    /// <summary>Checks the registry now and loads the champion if it changed (call after a promotion).</summary>
    Task RefreshAsync(CancellationToken ct = default);
}
