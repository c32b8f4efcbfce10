namespace CreditRisk.Core.EarlyWarning;

/// <summary>The replay's "now": moved forward step by step, so the pipeline stamps alerts and caps times as it did then.</summary>
internal sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
