using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Web.Customers;

/// <summary>
/// Puts an assessment into a customer's words: why their band is what it is and what they can do. Analysts' reasons
/// (thresholds, model versions) are not for customers, so the features behind the rules that fired are phrased instead.
/// </summary>
public static class CustomerAdvice
{
    /// <summary>Said when the model alone raised the band and no rule names a single cause.</summary>
    public const string GeneralStrain = CustomerReasons.GeneralStrain;

    private static readonly Dictionary<string, string> ActionOfRule = new(StringComparer.Ordinal)
    {
        [RuleIds.UtilisationHigh] = "Paying down part of your balance lowers how much of your limit you use.",
        [RuleIds.CashWithdrawalHigh] = "Cash withdrawals on a credit card cost interest from day one; a debit card is cheaper for cash.",
        [RuleIds.SpendDrop] = "If your income or circumstances have changed, tell us early: we can agree a plan that fits.",
        [RuleIds.MinimumDueOnly] = "Paying more than the minimum due clears your balance sooner and cuts the interest you pay.",
        [RuleIds.MerchantMixCrash] = "If money is tight at the moment, talk to us before a payment is missed: we can help.",
    };

    /// <summary>Plain-language reasons for <paramref name="assessment"/>; empty when it is Low.</summary>
    public static IReadOnlyList<string> Reasons(RiskAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return CustomerReasons.Of(assessment);
    }

    /// <summary>What the customer can do, most relevant first; always at least one line.</summary>
    /// <param name="messaged">Whether we have sent the customer a WhatsApp message they could reply to.</param>
    public static IReadOnlyList<string> Actions(RiskAssessment? assessment, bool messaged = false)
    {
        if (assessment is null)
        {
            // Beside "We have not reviewed your account yet", "Your account is in good standing" said the opposite.
            return ["Paying each statement in full and on time keeps your account in good standing."];
        }

        if (assessment.Band == RiskBand.Low)
        {
            return ["Your account is in good standing. Paying your statement in full and on time keeps it that way."];
        }

        var actions = assessment.RuleHits
            .Select(h => ActionOfRule.GetValueOrDefault(h.RuleId))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        actions.Add(messaged
            ? "Reply to our WhatsApp message or call the number on the back of your card to talk to us."
            : "Call the number on the back of your card to talk to us.");
        return actions;
    }
}
