using System.Globalization;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Display;

/// <summary>
/// Formats amounts in the configured currency and culture (<see cref="DisplayOptions"/>): "₹1,23,456.00" for INR in
/// en-IN, "$1,234.50" for USD in en-US. Every page that shows money goes through this, so the currency is never missing.
/// </summary>
public sealed class MoneyFormat
{
    private static readonly Lazy<Dictionary<string, string>> s_symbols = new(LoadSymbols);

    private readonly CultureInfo _culture;

    public MoneyFormat(IOptions<DisplayOptions> options)
    {
        var display = options.Value;
        Currency = display.Currency.ToUpperInvariant();
        _culture = (CultureInfo)CultureInfo.GetCultureInfo(display.Culture).Clone();
        _culture.NumberFormat.CurrencySymbol = s_symbols.Value.GetValueOrDefault(Currency, Currency + " ");
        _culture.NumberFormat.CurrencyNegativePattern = 1; // -$1.00, not ($1.00): clearer to a customer
    }

    /// <summary>The ISO code, e.g. for chart axis titles ("Amount (INR)").</summary>
    public string Currency { get; }

    /// <summary>The culture amounts are written in (e.g. "en-IN"), for charts that group their axis labels in the browser.</summary>
    public string CultureName => _culture.Name;

    /// <summary>With two decimals: "₹1,234.50".</summary>
    public string Format(decimal amount) => amount.ToString("C2", _culture);

    /// <summary>Whole units for limits and chart summaries: "₹1,235".</summary>
    public string Whole(decimal amount) => amount.ToString("C0", _culture);

    /// <summary>A plain number in the culture's grouping, no symbol (table cells under a currency header).</summary>
    public string Number(decimal amount) => amount.ToString("N2", _culture);

    public static bool IsKnownCurrency(string? code) =>
        code is { Length: 3 } && s_symbols.Value.ContainsKey(code.ToUpperInvariant());

    // ISO code → local symbol, from the regions .NET knows (ICU): INR → ₹, USD → $, EUR → €.
    private static Dictionary<string, string> LoadSymbols()
    {
        var symbols = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var region = new RegionInfo(culture.Name);
                symbols.TryAdd(region.ISOCurrencySymbol, region.CurrencySymbol);
            }
            catch (ArgumentException)
            {
                // A culture without a region (rare in ICU) has no currency to offer.
            }
        }

        // The US dollar's symbol is "US$" in some regions; prefer the issuing country's own.
        symbols["USD"] = "$";
        return symbols;
    }
}
