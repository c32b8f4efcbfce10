namespace CreditRisk.Core.Alerts;

/// <summary>The stores keep milliseconds; alert times are truncated to them so a stored alert compares equal.</summary>
internal static class AlertTime
{
    public static DateTimeOffset Now(TimeProvider time)
    {
        var utc = time.GetUtcNow().ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
