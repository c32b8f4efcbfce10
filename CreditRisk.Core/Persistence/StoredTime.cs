namespace CreditRisk.Core.Persistence;

/// <summary>Cut-offs against stored times, which every store keeps to the whole millisecond (truncated).</summary>
internal static class StoredTime
{
    /// <summary>
    /// <paramref name="value"/> rounded up to a whole millisecond: a stored time is at or after <paramref name="value"/>
    /// (or before it) exactly when it is at or after (before) this. Truncating the cut-off instead let a time up to a
    /// millisecond early through a "since", and kept one within the millisecond out of a "before".
    /// </summary>
    public static DateTimeOffset CeilingMillisecond(DateTimeOffset value)
    {
        var rest = value.UtcTicks % TimeSpan.TicksPerMillisecond;

        // No stored time is past the last whole millisecond before MaxValue, so that is ceiling enough.
        return rest == 0 || value.UtcTicks > DateTimeOffset.MaxValue.UtcTicks - TimeSpan.TicksPerMillisecond
            ? value
            : value.AddTicks(TimeSpan.TicksPerMillisecond - rest);
    }
}
