namespace CreditRisk.Core.Scoring.Evaluation;

/// <summary>
/// The champion in service when a version was trained, scored on exactly that version's hold-out rows, so the two
/// AUCs and Brier scores beside each other are measured on the same customers and months. Stored with the version
/// (<see cref="ModelVersion.ChampionOnSameHoldout"/>) and printed by <c>train</c> as <c>champion_on_same_holdout</c>.
/// When the champion could not be scored on those rows, <see cref="Compared"/> is false and <see cref="Reason"/> says
/// why; the version's own figures are then not comparable with the champion's (different hold-outs).
/// </summary>
public sealed record ChampionComparison
{
    /// <summary>Whether the champion was scored on the hold-out rows; false leaves the scores null.</summary>
    public bool Compared { get; init; }

    /// <summary>The champion's version id; null when the family had no champion.</summary>
    public string? ChampionVersion { get; init; }

    /// <summary>Hold-out rows both were scored on (the new version's hold-out).</summary>
    public int Rows { get; init; }

    /// <summary>Bad rows among <see cref="Rows"/>.</summary>
    public int Positives { get; init; }

    /// <summary>The new version's ensemble on those rows (the same figures as its hold-out metrics).</summary>
    public double VersionAuc { get; init; }

    public double VersionBrier { get; init; }

    /// <summary>The champion's ensemble on the same rows; null when not compared.</summary>
    public double? ChampionAuc { get; init; }

    public double? ChampionBrier { get; init; }

    /// <summary>Why the champion was not scored (no champion, a feature list that does not fit the rows, an unreadable package).</summary>
    public string? Reason { get; init; }

    /// <summary>A caveat on a comparison that was made, e.g. the champion may have trained on some of these rows.</summary>
    public string? Note { get; init; }
}
