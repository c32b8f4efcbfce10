namespace CreditRisk.Core.Audit;

/// <summary>
/// Ids of audit entries: 32 hex digits that sort by time (milliseconds, like a version-7 GUID) and, within one
/// millisecond, in the order this process made them. The audit log lists newest first with ties broken by id, so two
/// entries of the same millisecond (a request and the job that completed it) read in the order they happened; a
/// version-7 GUID is random after its millisecond and put them in either order.
/// </summary>
public static class AuditIds
{
    private static long _sequence;

    public static string Next(DateTimeOffset at)
    {
        var sequence = (ulong)Interlocked.Increment(ref _sequence) & 0xFFFF_FFFF;

        // The random tail keeps ids of two processes writing in the same millisecond apart.
        var tail = (ulong)Random.Shared.NextInt64() & 0xFFFF_FFFF_FFFF;
        return $"{(ulong)at.ToUnixTimeMilliseconds():x12}{sequence:x8}{tail:x12}";
    }
}
