namespace CreditRisk.Core.Simulation;

/// <summary>People shop and pay on India time (UTC+5:30); the ledger runs on UTC dates.</summary>
internal static class IndiaTime
{
    private const int OffsetSeconds = 19_800;

    /// <summary>The second of the UTC day for a second of the local day (wrapping around midnight).</summary>
    public static int ToUtcSecond(int localSecond) => ((localSecond - OffsetSeconds) % 86_400 + 86_400) % 86_400;
}
