using System.Globalization;
using CreditRisk.Core.Features;

namespace CreditRisk.Core.Scoring;

/// <summary>
/// The one place where features are put into words for customers and analysts (assessment reasons, alert texts).
/// Keyed by <see cref="FeatureNames"/>; each phrase is written for a value that raises the risk.
/// </summary>
public static class ReasonPhrases
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, Func<double, string>> Phrases = new(StringComparer.Ordinal)
    {
        [FeatureNames.UtilisationPct] = v => $"Your balance is {Pct(v)} of your credit limit",
        [FeatureNames.OverLimitCount90d] = v => $"Your balance was over your credit limit on {Count(v, "day")} with card activity in the last 90 days",
        [FeatureNames.SpendChangePct30d] = v => v < 0
            ? $"Your card spending fell {Pct(-v)} compared with the month before"
            : $"Your card spending rose {Pct(v)} compared with the month before",
        [FeatureNames.MerchantMixIndex30d] = v => $"Your spending is concentrated in few kinds of shops (variety score {v.ToString("0.00", Invariant)} out of 1)",
        [FeatureNames.MerchantMixChangePct30d] = v => v < 0
            ? $"The variety of places you shop at fell {Pct(-v)} in the last 30 days"
            : $"The variety of places you shop at changed by {Pct(v)} in the last 30 days",
        [FeatureNames.CashWithdrawalPct30d] = v => $"Cash withdrawals are {Pct(v)} of your spending",
        [FeatureNames.MinDueOnlyStreak] = v => $"You have paid the minimum due or less for {Count(v, "statement")} in a row",
        [FeatureNames.MinDuePaidFreq6c] = v => $"You paid the minimum due or less on {Pct(v * 100)} of your recent statements",
        [FeatureNames.PaymentRatio] = v => $"Your last payment covered {Pct(v * 100)} of your statement balance",
        [FeatureNames.PaymentStabilityCv] = _ => "Your payments have been irregular over recent months",
        [FeatureNames.SpendVolatilityCv] = _ => "Your monthly spending has swung sharply over recent months",
        [FeatureNames.MaxDpd6m] = v => $"A payment was up to {Count(v, "day")} late in the last 6 months",
        [FeatureNames.DelinquentCycles6m] = v => $"{Count(v, "statement")} in the last 6 months {(Math.Round(v) == 1 ? "was" : "were")} past due",
        [FeatureNames.PurchaseCount30d] = v => $"You made {Count(v, "card purchase")} in the last 30 days",
        [FeatureNames.PurchaseCountPrev30d] = v => $"You made {Count(v, "card purchase")} in the 30 days before that",
        [FeatureNames.CreditLimit] = v => $"Your credit limit is {v.ToString("#,0", Invariant)}, lower than most customers'",
        [FeatureNames.DpdLatest] = v => $"Your latest statement was {Count(v, "day")} past due",
        [FeatureNames.UtilisationMean6c] = v => $"Your statement balances averaged {Pct(v)} of your credit limit over 6 months",
        [FeatureNames.UtilisationMax6c] = v => $"A statement balance reached {Pct(v)} of your credit limit in the last 6 months",
        [FeatureNames.UtilisationVsMean6c] = v => v < 0
            ? $"Your balance is {Pct(-v)} of your limit below your 6-month average"
            : $"Your balance is {Pct(v)} of your limit above your 6-month average",
        [FeatureNames.BillTrend6c] = v => v < 0
            ? $"Your statement balances fell by about {Pct(-v)} of your limit each month"
            : $"Your statement balances rose by about {Pct(v)} of your limit each month",
        [FeatureNames.BillVolatility6c] = _ => "Your statement balances have swung sharply over recent months",
        [FeatureNames.PaymentRatioMean6c] = v => $"Your payments covered {Pct(v * 100)} of your statement balances on average",
        [FeatureNames.UnpaidCycles6c] = v => $"{Count(v, "statement")} in the last 6 months {(Math.Round(v) == 1 ? "was" : "were")} left unpaid",
        [FeatureNames.PaymentToLimitPct] = v => $"Your last payment was {Pct(v)} of your credit limit",
        [FeatureNames.BalanceAmount] = v => $"Your balance is {v.ToString("#,0", Invariant)}",
        [FeatureNames.PaymentAmount30d] = v => v <= 0
            ? "You have made no payment in the latest month"
            : $"You paid {v.ToString("#,0", Invariant)} in the latest month",
    };

    /// <summary>A feature is given as a reason only when it adds at least this much to the log-odds (0.05).</summary>
    public const double MinContribution = 0.05;

    /// <summary>
    /// Up to <paramref name="max"/> sentences for the contributions that raise the risk by at least
    /// <see cref="MinContribution"/> and carry a value, largest first.
    /// </summary>
    public static IReadOnlyList<string> Top(IEnumerable<FeatureContribution> contributions, int max = 4) =>
        [.. contributions
            .Where(c => c.Contribution >= MinContribution && c.Value is not null)
            .OrderByDescending(c => c.Contribution)
            .Select(c => Describe(c.Feature, c.Value))
            .OfType<string>()
            .Take(Math.Max(0, max))];

    /// <summary>Whether <paramref name="feature"/> has a phrase.</summary>
    public static bool Has(string feature) => Phrases.ContainsKey(feature);

    /// <summary>
    /// A sentence for <paramref name="feature"/> at <paramref name="value"/>, e.g. "Cash withdrawals are 46% of your
    /// spending"; null when the feature is unknown or the value missing.
    /// </summary>
    public static string? Describe(string feature, double? value) =>
        value is { } v && double.IsFinite(v) && Phrases.TryGetValue(feature, out var phrase) ? phrase(v) : null;

    private static string Pct(double value) => Math.Round(value).ToString("0", Invariant) + "%";

    private static string Count(double value, string noun)
    {
        var n = (long)Math.Round(value);
        return n.ToString(Invariant) + " " + noun + (n == 1 ? string.Empty : "s");
    }
}
