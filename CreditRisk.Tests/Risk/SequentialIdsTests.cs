using CreditRisk.Core.Risk;

namespace CreditRisk.Tests.Risk;

public sealed class SequentialIdsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Next_ClockStandingStill_IdsSortInCreationOrder()
    {
        var ids = new SequentialIds();

        var made = Enumerable.Range(0, 10_000).Select(_ => ids.Next(At)).ToList();

        Assert.Equal(made, made.Order(StringComparer.Ordinal));
        Assert.Equal(made.Count, made.Distinct().Count());
    }

    [Fact]
    public void Next_ClockSteppingBack_StillIncreasing()
    {
        var ids = new SequentialIds();

        var first = ids.Next(At);
        var second = ids.Next(At.AddSeconds(-5));

        Assert.True(string.CompareOrdinal(first, second) < 0);
    }

    [Fact]
    public void Next_AnyTime_IsAVersion7UuidCarryingTheMillisecond()
    {
        var id = Guid.ParseExact(new SequentialIds().Next(At), "N");

        Assert.Equal(7, id.Version);
        Assert.Equal(At.ToUnixTimeMilliseconds().ToString("x12"), id.ToString("N")[..12]);
        Assert.Equal(0x8, (byte)(id.ToByteArray(bigEndian: true)[8] >> 4) & 0xC);
    }

    [Fact]
    public void Next_LaterMillisecond_SortsAfterAnEarlierOnesCounter()
    {
        var ids = new SequentialIds();
        var early = Enumerable.Range(0, 100).Select(_ => ids.Next(At)).Last();

        var later = ids.Next(At.AddMilliseconds(1));

        Assert.True(string.CompareOrdinal(early, later) < 0);
    }
}
