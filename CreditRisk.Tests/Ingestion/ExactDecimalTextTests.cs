using CreditRisk.Core.Ingestion;

namespace CreditRisk.Tests.Ingestion;

public sealed class ExactDecimalTextTests
{
    [Theory]
    [InlineData("12.50", 12.5)]
    [InlineData("-12.50", -12.5)]
    [InlineData("0", 0)]
    [InlineData("-0.000", 0)]
    [InlineData("1.5e2", 150)]
    [InlineData("15E-1", 1.5)]
    [InlineData("0.0e999999", 0)]
    [InlineData("1e-3", 0.001)]
    public void Represents_TextWithTheValuesDigits_IsTrue(string text, double value)
    {
        Assert.True(ExactDecimalText.Represents(text, (decimal)value));
    }

    [Theory]
    [InlineData("12.51", 12.5)]
    [InlineData("1e-61", 0)]
    [InlineData("1e999999", 0)]
    [InlineData("1e+", 1)]
    public void Represents_TextWithOtherOrMoreDigits_IsFalse(string text, double value)
    {
        Assert.False(ExactDecimalText.Represents(text, (decimal)value));
    }

    [Fact]
    public void Represents_DigitsPastWhatADecimalHolds_IsFalse()
    {
        const string text = "1.0000000000000000000000000000001";
        var rounded = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(1m, rounded);
        Assert.False(ExactDecimalText.Represents(text, rounded));
    }
}
