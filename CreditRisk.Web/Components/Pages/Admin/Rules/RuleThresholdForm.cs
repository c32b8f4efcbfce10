using CreditRisk.Core.Rules;

namespace CreditRisk.Web.Components.Pages.Admin.Rules;

/// <summary>Mutable copy of <see cref="RuleSettings"/> for two-way binding; validation stays with the record.</summary>
public sealed class RuleThresholdForm
{
    public double UtilisationHighPct { get; set; }

    public double CashWithdrawalHighPct { get; set; }

    public double SpendDropMediumPct { get; set; }

    public int MinimumDueOnlyCycles { get; set; }

    public double MinimumDueOnlyHighUtilisationPct { get; set; }

    public double MerchantMixDropPct { get; set; }

    public int MerchantMixMinPurchases { get; set; }

    public static RuleThresholdForm From(RuleSettings s) => new()
    {
        UtilisationHighPct = s.UtilisationHighPct,
        CashWithdrawalHighPct = s.CashWithdrawalHighPct,
        SpendDropMediumPct = s.SpendDropMediumPct,
        MinimumDueOnlyCycles = s.MinimumDueOnlyCycles,
        MinimumDueOnlyHighUtilisationPct = s.MinimumDueOnlyHighUtilisationPct,
        MerchantMixDropPct = s.MerchantMixDropPct,
        MerchantMixMinPurchases = s.MerchantMixMinPurchases,
    };

    public RuleSettings ToSettings() => new()
    {
        UtilisationHighPct = UtilisationHighPct,
        CashWithdrawalHighPct = CashWithdrawalHighPct,
        SpendDropMediumPct = SpendDropMediumPct,
        MinimumDueOnlyCycles = MinimumDueOnlyCycles,
        MinimumDueOnlyHighUtilisationPct = MinimumDueOnlyHighUtilisationPct,
        MerchantMixDropPct = MerchantMixDropPct,
        MerchantMixMinPurchases = MerchantMixMinPurchases,
    };
}
