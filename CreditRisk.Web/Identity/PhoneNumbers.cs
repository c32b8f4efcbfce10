using System.Text.RegularExpressions;

namespace CreditRisk.Web.Identity;

/// <summary>Reads a phone number as typed (spaces, dashes, brackets allowed) into E.164.</summary>
public static partial class PhoneNumbers
{
    /// <summary>E.164 form, e.g. <c>+919812345678</c>; null when the input is not a full international number.</summary>
    public static string? ToE164(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var compact = Separators().Replace(input.Trim(), "");
        if (compact.StartsWith("00", StringComparison.Ordinal))
        {
            compact = "+" + compact[2..];
        }

        return E164().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();
}
