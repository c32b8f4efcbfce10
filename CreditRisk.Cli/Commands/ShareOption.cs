using System.CommandLine.Parsing;
using System.Globalization;

namespace CreditRisk.Cli.Commands;

/// <summary>
/// A parser for a share option such as <c>--holdout</c> whose message names the option in words; the library's own said
/// "Cannot parse argument 'abc' for option '--holdout' as expected type 'System.Double'". The range is checked by the
/// command, which gives it its own exit code.
/// </summary>
internal static class ShareOption
{
    public static Func<ArgumentResult, double> Parser(string option) => result =>
    {
        var text = string.Join(' ', result.Tokens.Select(t => t.Value));
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        result.AddError($"{option} must be a number between 0 and 1 (exclusive), e.g. 0.3 (got '{text}').");
        return default;
    };
}
