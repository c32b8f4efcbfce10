using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace CreditRisk.Web.Display;

/// <summary>How amounts are shown on every page (section <c>Display</c>).</summary>
public sealed class DisplayOptions : IValidatableObject
{
    public const string SectionName = "Display";

    /// <summary>ISO 4217 code of the card accounts' currency, e.g. <c>INR</c>, <c>USD</c>, <c>EUR</c>. Default <c>USD</c>.</summary>
    [Required]
    public string Currency { get; set; } = "USD";

    /// <summary>
    /// Culture for digit grouping and decimal marks, e.g. <c>en-IN</c> (12,34,567.00) or <c>en-US</c> (1,234,567.00).
    /// Default <c>en-US</c>.
    /// </summary>
    [Required]
    public string Culture { get; set; } = "en-US";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MoneyFormat.IsKnownCurrency(Currency))
        {
            yield return new ValidationResult(
                $"Display:Currency '{Currency}' is not an ISO 4217 currency code this system knows (e.g. INR, USD, EUR, GBP).",
                [nameof(Currency)]);
        }

        if (!IsKnownCulture(Culture))
        {
            yield return new ValidationResult(
                $"Display:Culture '{Culture}' is not a known culture name (e.g. en-IN, en-US, en-GB).", [nameof(Culture)]);
        }
    }

    private static bool IsKnownCulture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            return !CultureInfo.GetCultureInfo(name, predefinedOnly: true).Equals(CultureInfo.InvariantCulture);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
