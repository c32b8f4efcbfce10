using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Tests.Ingestion;

public sealed class WireFormatTests
{
    [Theory]
    [InlineData("2026-03-01T14:22:05Z", "2026-03-01T14:22:05.0000000+00:00")]
    [InlineData("2026-03-01T19:52:05.123+05:30", "2026-03-01T14:22:05.1230000+00:00")]
    [InlineData("2026-03-01T14:22:05.1234567Z", "2026-03-01T14:22:05.1234567+00:00")]
    [InlineData("2026-03-01T14:22Z", "2026-03-01T14:22:00.0000000+00:00")]
    public void TryParseTimestamp_IsoWithOffset_ParsesTheInstant(string text, string expectedUtc)
    {
        Assert.True(WireFormat.TryParseTimestamp(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("2026-03-01T14:22:05")]
    [InlineData("2026-03-01")]
    [InlineData("01/03/2026 14:22:05")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseTimestamp_NoOffsetOrNotIso_Fails(string? text)
    {
        Assert.False(WireFormat.TryParseTimestamp(text, out _));
    }

    [Fact]
    public void ToWireName_EveryType_RoundTripsThroughTryParse()
    {
        foreach (var type in Enum.GetValues<TransactionType>())
        {
            Assert.True(WireFormat.TryParseTransactionType(WireFormat.ToWireName(type), out var parsed));
            Assert.Equal(type, parsed);
        }

        Assert.Equal("cash_withdrawal", WireFormat.ToWireName(TransactionType.CashWithdrawal));
    }

    [Fact]
    public void ToStoredPrecision_SubMillisecondOffsetTime_TruncatesToUtcMilliseconds()
    {
        var value = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(-5)).AddTicks(9_999);

        var stored = WireFormat.ToStoredPrecision(value);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 13, 0, 0, 0, TimeSpan.Zero), stored);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
    }

    [Theory]
    [InlineData("1234.50", "1234.5")]
    [InlineData("-0.001", "-0.001")]
    [InlineData(".5", "0.5")]
    [InlineData("7.", "7")]
    [InlineData("1.0000000000000000000000000000000", "1")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void TryParseAmount_DigitsADecimalHolds_Parses(string text, string expected)
    {
        Assert.True(WireFormat.TryParseAmount(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("1.0000000000000000000000000000001")]
    [InlineData("0.00000000000000000000000000000001")]
    [InlineData("1234567890123456789012345678.91")]
    [InlineData("1,5")]
    [InlineData("1e3")]
    public void TryParseAmount_DigitsADecimalWouldRoundAwayOrNotAPlainNumber_Fails(string text)
    {
        Assert.False(WireFormat.TryParseAmount(text, out _));
    }
}
