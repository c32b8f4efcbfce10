namespace CreditRisk.Core.Demo;

/// <summary>
/// What the first-run demo seed is doing now, for the Portfolio page's progress line. Updated by
/// <see cref="DemoPortfolioSeeding"/>; read from any thread.
/// </summary>
public sealed class DemoSeedProgress
{
    private volatile Snapshot _current = new(false, "", 0);

    /// <param name="Running">True while a seed is in progress.</param>
    /// <param name="Stage">What it is doing, in words ("Storing and scoring 1,200 of 2,000 customers").</param>
    /// <param name="Percent">0–100.</param>
    public sealed record Snapshot(bool Running, string Stage, int Percent);

    public Snapshot Current => _current;

    internal void Report(string stage, int percent) => _current = new Snapshot(true, stage, Math.Clamp(percent, 0, 100));

    internal void Finish() => _current = new Snapshot(false, "", 100);
}
