using CreditRisk.Core.Customers;
using CreditRisk.Core.Ingestion;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static CreditRisk.Tests.Ingestion.IngestionInputs;

namespace CreditRisk.Tests.Ingestion;

/// <summary>A customer's time zone (for quiet hours) comes in as an IANA id or not at all.</summary>
public sealed class CustomerTimeZoneTests
{
    private static IngestionValidator Validator() => new(Options.Create(new IngestionOptions()), new FakeTimeProvider(Now));

    [Theory]
    [InlineData("Asia/Kolkata")]
    [InlineData("Europe/London")]
    [InlineData("UTC")]
    public void Validate_IanaTimeZone_IsKeptOnTheCustomer(string zone)
    {
        var result = Validator().Validate(Customer() with { TimeZone = zone }, 0);

        Assert.True(result.IsValid);
        Assert.Equal(zone, result.Value!.TimeZone);
    }

    [Fact]
    public void Validate_NoTimeZone_LeavesItToTheConfiguredDefault()
    {
        var result = Validator().Validate(Customer() with { TimeZone = "  " }, 0);

        Assert.True(result.IsValid);
        Assert.Null(result.Value!.TimeZone);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("India Standard Time")]
    [InlineData("+05:30")]
    public void Validate_NotAnIanaTimeZone_RefusedNamingTheField(string zone)
    {
        var result = Validator().Validate(Customer() with { TimeZone = zone }, 3);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "timeZone"), (error.Index, error.Field));
        Assert.Contains("IANA", error.Message);
    }

    [Fact]
    public void Resolve_UnknownOrMissingZone_FallsBack()
    {
        var customer = Builders.A.Customer();

        Assert.Same(TimeZoneInfo.Utc, CustomerTimeZone.Resolve(customer, TimeZoneInfo.Utc));
        Assert.Same(TimeZoneInfo.Utc, CustomerTimeZone.Resolve(customer with { TimeZone = "Nowhere/Land" }, TimeZoneInfo.Utc));
        Assert.Equal("Asia/Kolkata", CustomerTimeZone.Resolve(customer with { TimeZone = "Asia/Kolkata" }, TimeZoneInfo.Utc).Id);
    }
}
