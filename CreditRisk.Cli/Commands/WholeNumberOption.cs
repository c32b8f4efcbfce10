using System.CommandLine.Parsing;
using System.Globalization;

namespace CreditRisk.Cli.Commands;

/// <summary>
/// Parsers for whole-number options whose messages name the option and what it takes, in words. The library's own
/// said "as expected type 'System.Nullable`1[System.Int32]'", and a range validator reading a value that did not
/// parse threw, printing a stack trace for "-n abc".
/// </summary>
internal static class WholeNumberOption
{
    /// <summary>A parser for <paramref name="option"/>: a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Func<ArgumentResult, int> Parser(string option, int min = int.MinValue, int max = int.MaxValue) =>
        r => Parse(r, option, min, max) ?? default;

    /// <summary>The same for an optional option.</summary>
    public static Func<ArgumentResult, int?> NullableParser(string option, int min = int.MinValue, int max = int.MaxValue) =>
        r => Parse(r, option, min, max);

    private static int? Parse(ArgumentResult result, string option, int min, int max)
    {
        var text = string.Join(' ', result.Tokens.Select(t => t.Value));
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{option} must be {Range(min, max)} (got '{text}').");
        return null;
    }

    private static string Range(int min, int max) => (min, max) switch
    {
        (int.MinValue, int.MaxValue) => "a whole number",
        (_, int.MaxValue) => string.Create(CultureInfo.InvariantCulture, $"a whole number, at least {min}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}"),
    };
}
