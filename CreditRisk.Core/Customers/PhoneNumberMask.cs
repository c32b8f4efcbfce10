namespace CreditRisk.Core.Customers;

/// <summary>
/// Masks phone numbers for people who need to recognise a number but not read it (analysts outside a drill-down):
/// the country code and the last three digits stay, every other digit becomes '•'.
/// </summary>
public static class PhoneNumberMask
{
    /// <summary>Number of trailing digits left readable.</summary>
    public const int VisibleTrailingDigits = 3;

    /// <summary><c>+919812345678</c> → <c>+91•••••••678</c>; empty for null or blank input; short numbers are masked entirely but the '+'.</summary>
    public static string Mask(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return "";
        }

        var digits = phone.Trim().TrimStart('+');
        var prefix = phone.TrimStart().StartsWith('+') ? "+" : "";

        // A country code is 1–3 digits; keeping two of a 10+ digit number leaves enough masked to be meaningful.
        var lead = digits.Length >= 10 ? 2 : 0;
        var tail = digits.Length > lead + VisibleTrailingDigits + 3 ? VisibleTrailingDigits : 0;
        var hidden = digits.Length - lead - tail;
        return prefix + digits[..lead] + new string('•', hidden) + digits[(digits.Length - tail)..];
    }
}
