using System.Globalization;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Web.Components.Pages.Admin.Customers;

namespace CreditRisk.Web.Api;

/// <summary>
/// The export's query string read in one pass: the grid's filter, search and order, or the first bad parameter with
/// what it must be. Only names are taken for a band or an alert status ("2" is no band), only finite scores, and
/// only the grid's sortable columns and true/false for the order: a value the grid would never write is refused,
/// not read as something else.
/// </summary>
internal sealed record RiskGridExportQuery(RiskGridFilter Filter, string? SortBy, bool Descending)
{
    /// <summary>The grid's sortable columns (<see cref="RiskGridFilter.ToQuery"/>).</summary>
    public static readonly string[] SortColumns = ["Score", "CustomerId", "AssessedAt"];

    /// <summary>The query, or null with the bad parameter's name and what it must be.</summary>
    public static (RiskGridExportQuery? Query, string? Field, string? Detail) Parse(IQueryCollection query)
    {
        RiskBand? band = null;
        if (Value(query, "band") is { } b)
        {
            if (!TryParseName<RiskBand>(b, out var parsed))
            {
                return Problem("band", "band must be Low, Medium or High.");
            }

            band = parsed;
        }

        var minScore = 0d;
        if (Value(query, "minScore") is { } m
            && !(double.TryParse(m, NumberStyles.Float, CultureInfo.InvariantCulture, out minScore) && minScore is >= 0 and <= 1))
        {
            // NaN fails both bounds above, so it lands here too: it compared false with every score and exported nothing.
            return Problem("minScore", "minScore must be a number from 0 to 1.");
        }

        AlertStatus? alert = null;
        if (Value(query, "alert") is { } a)
        {
            if (!TryParseName<AlertStatus>(a, out var parsed))
            {
                return Problem("alert", $"alert must be one of {string.Join(", ", Enum.GetNames<AlertStatus>())}.");
            }

            alert = parsed;
        }

        var rule = Value(query, "rule");
        if (rule is not null && !RuleIds.Titled.Any(t => t.Id == rule))
        {
            return Problem("rule", $"rule must be one of {string.Join(", ", RuleIds.Titled.Select(t => t.Id))}.");
        }

        var sort = Value(query, "sort");
        if (sort is not null && !SortColumns.Contains(sort, StringComparer.Ordinal))
        {
            return Problem("sort", $"sort must be one of {string.Join(", ", SortColumns)}.");
        }

        var desc = Value(query, "desc");
        if (desc is not null && !bool.TryParse(desc, out _))
        {
            return Problem("desc", "desc must be true or false.");
        }

        var search = Value(query, "q");
        var filter = new RiskGridFilter { Band = band, MinScore = minScore, AlertStatus = alert, RuleId = rule, Search = search };
        return (new RiskGridExportQuery(filter, sort, desc is null || bool.Parse(desc)), null, null);
    }

    private static string? Value(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } v ? v : null;

    // Only a member's name, in any case: Enum.TryParse also takes numbers ("2" → High) and lists ("Low,High").
    private static bool TryParseName<T>(string text, out T value)
        where T : struct, Enum
    {
        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<T>(name);
        return name is not null;
    }

    private static (RiskGridExportQuery?, string?, string?) Problem(string field, string detail) => (null, field, detail);
}
