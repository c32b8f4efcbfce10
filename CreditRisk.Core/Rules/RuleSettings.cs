using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Rules;

/// <summary>
/// The expert-rule thresholds in force; stored as JSON under <see cref="RuleSettingsService.SettingsKey"/> when an
/// admin changes them. Ranges are those of <see cref="RuleOptions"/>.
/// </summary>
public sealed record RuleSettings
{
    public const double DefaultUtilisationHighPct = 90;
    public const double DefaultCashWithdrawalHighPct = 40;
    public const double DefaultSpendDropMediumPct = 60;
    public const int DefaultMinimumDueOnlyCycles = 2;
    public const double DefaultMinimumDueOnlyHighUtilisationPct = 75;
    public const double DefaultMerchantMixDropPct = 50;
    public const int DefaultMerchantMixMinPurchases = 5;

    /// <summary>Utilisation above this fires High, in %. Default 90.</summary>
    [Range(1d, 200d)]
    public double UtilisationHighPct { get; init; } = DefaultUtilisationHighPct;

    /// <summary>Cash withdrawals above this share of 30-day spend fire High, in %. Default 40.</summary>
    [Range(1d, 100d)]
    public double CashWithdrawalHighPct { get; init; } = DefaultCashWithdrawalHighPct;

    /// <summary>A 30-day spend drop of more than this fires Medium, in %. Default 60.</summary>
    [Range(1d, 100d)]
    public double SpendDropMediumPct { get; init; } = DefaultSpendDropMediumPct;

    /// <summary>More than this many consecutive minimum-due-only cycles fire Medium. Default 2.</summary>
    [Range(1, 11)]
    public int MinimumDueOnlyCycles { get; init; } = DefaultMinimumDueOnlyCycles;

    /// <summary>With utilisation also above this (in %), the minimum-due-only rule fires High. Default 75.</summary>
    [Range(1d, 200d)]
    public double MinimumDueOnlyHighUtilisationPct { get; init; } = DefaultMinimumDueOnlyHighUtilisationPct;

    /// <summary>A merchant-mix index fall of more than this fires Medium, in %. Default 50.</summary>
    [Range(1d, 100d)]
    public double MerchantMixDropPct { get; init; } = DefaultMerchantMixDropPct;

    /// <summary>Purchases needed in the previous 30 days for the merchant-mix rule to fire. Default 5.</summary>
    [Range(0, 10_000)]
    public int MerchantMixMinPurchases { get; init; } = DefaultMerchantMixMinPurchases;

    public static RuleSettings From(RuleOptions options) => new()
    {
        UtilisationHighPct = options.UtilisationHighPct,
        CashWithdrawalHighPct = options.CashWithdrawalHighPct,
        SpendDropMediumPct = options.SpendDropMediumPct,
        MinimumDueOnlyCycles = options.MinimumDueOnlyCycles,
        MinimumDueOnlyHighUtilisationPct = options.MinimumDueOnlyHighUtilisationPct,
        MerchantMixDropPct = options.MerchantMixDropPct,
        MerchantMixMinPurchases = options.MerchantMixMinPurchases,
    };

    /// <summary>Field-named validation errors (property name → messages); empty when valid.</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        return results
            .SelectMany(r => r.MemberNames.DefaultIfEmpty(string.Empty).Select(m => (Member: m, Message: r.ErrorMessage ?? "Invalid value.")))
            .GroupBy(x => x.Member, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray(), StringComparer.Ordinal);
    }
}
