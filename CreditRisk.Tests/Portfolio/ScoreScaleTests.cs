using CreditRisk.Core.Portfolio;

namespace CreditRisk.Tests.Portfolio;

public sealed class ScoreScaleTests
{
    [Theory]
    [InlineData(0, 0.01)]
    [InlineData(0.01, 0.01)]
    [InlineData(0.0101, 0.02)]
    [InlineData(0.1075, 0.2)]
    [InlineData(0.2, 0.2)]
    [InlineData(0.375, 0.5)]
    [InlineData(0.51, 1)]
    [InlineData(1.3, 1)]
    public void Ceiling_Value_IsTheLowestRoundTopAtOrAboveIt(double value, double expected) =>
        Assert.Equal(expected, ScoreScale.Ceiling(value));

    [Theory]
    [InlineData(0.01, 5)]
    [InlineData(0.02, 4)]
    [InlineData(0.05, 5)]
    [InlineData(0.1, 5)]
    [InlineData(0.2, 4)]
    [InlineData(0.5, 5)]
    [InlineData(1, 5)]
    public void Ticks_Top_GivesRoundGridlines(double top, int expected) => Assert.Equal(expected, ScoreScale.Ticks(top));
}
