namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// How far a replay has come: <paramref name="Done"/> of <paramref name="Total"/> shard steps (every shard steps through
/// the whole period), and now and then a line for a person to read.
/// </summary>
public readonly record struct ReplayProgress(int Done, int Total, string? Message = null)
{
    /// <summary>Share done, 0–1.</summary>
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);
}
