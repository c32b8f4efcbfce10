using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence.Compact;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Simulation;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence.Compact;

public sealed class CompactProfileCodecTests
{
    [Fact]
    public void Decode_EncodedBuilderProfile_EqualsTheOriginal()
    {
        var profile = A.Profile("c1") with { Version = 7 };

        var decoded = RoundTrip(profile);

        JsonAssert.Equivalent(profile, decoded);
    }

    [Fact]
    public void Decode_EncodedSimulatedProfiles_EqualTheOriginals()
    {
        var simulated = new PortfolioSimulator(TimeProvider.System)
            .Generate(new SimulationOptions { Customers = 40, Months = 7, EndDate = new DateOnly(2026, 3, 1), Seed = 3 });

        foreach (var customer in simulated)
        {
            var profile = ProfileBuilder.Build(customer.Customer.Id, customer.Transactions, customer.Statements) with { Version = 3 };
            JsonAssert.Equivalent(profile, RoundTrip(profile));
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("1.10")]
    [InlineData("-0.0001")]
    [InlineData("-12345678901234.5678")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    public void Decode_Decimal_KeepsValueSignAndScale(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var profile = A.Profile("c1") with { NetBalance = value, Cycles = [] };

        var decoded = RoundTrip(profile).NetBalance;

        Assert.Equal(value, decoded);
        Assert.Equal(value.Scale, decoded.Scale);
        Assert.Equal(decimal.IsNegative(value), decimal.IsNegative(decoded));
    }

    [Fact]
    public void Decode_EmptyProfile_KeepsMissingDates()
    {
        var profile = ProfileUpdater.Empty("c1");

        var decoded = RoundTrip(profile);

        Assert.Null(decoded.FirstTransactionDay);
        Assert.Null(decoded.PrunedThrough);
        Assert.Empty(decoded.Days);
        Assert.Empty(decoded.Cycles);
    }

    private static BehaviorProfile RoundTrip(BehaviorProfile profile) =>
        CompactProfileCodec.Decode(profile.CustomerId, profile.Version, profile.UpdatedAt, CompactProfileCodec.Encode(profile));
}
