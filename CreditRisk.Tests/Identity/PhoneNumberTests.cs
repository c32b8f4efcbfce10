extern alias web;

using CreditRisk.Core.Customers;
using web::CreditRisk.Web.Identity;

namespace CreditRisk.Tests.Identity;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+91 98123-45678", "+919812345678")]
    [InlineData("0044 (20) 7946 0958", "+442079460958")]
    [InlineData("+15550000001", "+15550000001")]
    public void ToE164_TypedNumber_ReturnsCompactForm(string input, string expected) =>
        Assert.Equal(expected, PhoneNumbers.ToE164(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("9812345678")]
    [InlineData("+0123456789")]
    [InlineData("+91abc")]
    [InlineData("+1234567")]
    public void ToE164_NotAnInternationalNumber_ReturnsNull(string? input) =>
        Assert.Null(PhoneNumbers.ToE164(input));

    [Theory]
    [InlineData("+919812345678", "+91•••••••678")]
    [InlineData("+15550000001", "+15••••••001")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("+1234", "+••••")]
    public void Mask_Number_KeepsCountryCodeAndLastDigitsOnly(string? phone, string expected) =>
        Assert.Equal(expected, PhoneNumberMask.Mask(phone));
}
