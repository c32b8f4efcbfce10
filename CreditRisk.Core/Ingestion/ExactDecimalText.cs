using System.Globalization;

namespace CreditRisk.Core.Ingestion;

/// <summary>
/// Whether a parsed decimal holds every digit its text wrote. <see cref="decimal"/> keeps 28–29 significant digits
/// and the parsers round the rest away, so <c>1.0000000000000000000000000000001</c> would arrive as a clean
/// <c>1.000</c> and pass the 3-decimal rule; comparing the digits catches it.
/// </summary>
public static class ExactDecimalText
{
    // Beyond this exponent no decimal holds a non-zero digit exactly, and the digit strings stay small.
    private const int LargestUsefulExponent = 60;

    /// <summary>
    /// True when <paramref name="text"/> (<c>[sign]digits[.digits][e[sign]digits]</c>, as the CSV and JSON parsers
    /// accept) has the same value as <paramref name="value"/> with nothing rounded away.
    /// </summary>
    public static bool Represents(string text, decimal value) =>
        Normalise(text) is { } digits && digits == Normalise(Math.Abs(value).ToString(CultureInfo.InvariantCulture));

    /// <summary>The unsigned value as "integer.fraction" with no leading or trailing zeros; null when unreadable.</summary>
    private static string? Normalise(string text)
    {
        var span = text.AsSpan().TrimStart("+-");
        var exponent = 0;
        var e = span.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!int.TryParse(span[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return null;
            }

            span = span[..e];
        }

        var point = span.IndexOf('.');
        var integerDigits = point >= 0 ? span[..point] : span;
        var fractionDigits = point >= 0 ? span[(point + 1)..] : [];
        var digits = string.Concat(integerDigits, fractionDigits);
        if (digits.AsSpan().TrimStart('0').IsEmpty)
        {
            return ".";
        }

        if (Math.Abs(exponent) > LargestUsefulExponent)
        {
            return null;
        }

        var pointAt = integerDigits.Length + exponent;
        if (pointAt < 0)
        {
            digits = new string('0', -pointAt) + digits;
            pointAt = 0;
        }
        else if (pointAt > digits.Length)
        {
            digits += new string('0', pointAt - digits.Length);
        }

        return string.Concat(digits.AsSpan(0, pointAt).TrimStart('0'), ".", digits.AsSpan(pointAt).TrimEnd('0'));
    }
}
