using System.ComponentModel.DataAnnotations;
using CreditRisk.Web.Display;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Display;

public sealed class MoneyFormatTests
{
    [Fact]
    public void Format_RupeesInIndianEnglish_SymbolAndLakhGrouping()
    {
        var money = new MoneyFormat(Options.Create(new DisplayOptions { Currency = "INR", Culture = "en-IN" }));

        Assert.Equal("₹1,23,456.50", money.Format(123_456.5m));
        Assert.Equal("INR", money.Currency);
    }

    [Fact]
    public void Format_DollarsInUsEnglish_SymbolAndNegativeWithAMinus()
    {
        var money = new MoneyFormat(Options.Create(new DisplayOptions { Currency = "usd", Culture = "en-US" }));

        Assert.Equal("$1,234.50", money.Format(1_234.5m));
        Assert.Equal("-$20.00", money.Format(-20m));
        Assert.Equal("$1,235", money.Whole(1_234.5m));
    }

    [Theory]
    [InlineData("XYZ", "en-US", "Display:Currency 'XYZ'")]
    [InlineData("RUPEES", "en-US", "Display:Currency 'RUPEES'")]
    [InlineData("INR", "xx-NOPE", "Display:Culture 'xx-NOPE'")]
    public void Validate_UnknownCurrencyOrCulture_NamesTheSetting(string currency, string culture, string expected)
    {
        var options = new DisplayOptions { Currency = currency, Culture = culture };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_KnownCurrencyAndCulture_NoErrors()
    {
        var options = new DisplayOptions { Currency = "EUR", Culture = "en-GB" };

        Assert.Empty(options.Validate(new ValidationContext(options)));
    }
}
