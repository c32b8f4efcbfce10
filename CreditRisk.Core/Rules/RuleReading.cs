using CreditRisk.Core.Features;

namespace CreditRisk.Core.Rules;

/// <summary>Evaluates the rules on a customer's profile as of a moment, confirmed over earlier readings of the same history.</summary>
public static class RuleReading
{
    /// <summary>
    /// The confirmed rule hits of <paramref name="profile"/> as of <paramref name="asOf"/>; <paramref name="features"/>
    /// are that moment's features (already computed by the caller). Earlier readings are computed only when needed.
    /// </summary>
    public static RuleEvaluation Confirmed(
        BehaviorProfile profile, decimal? creditLimit, DateTimeOffset asOf, double?[] features, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(settings);
        var now = RuleEngine.Evaluate(features, RuleFacts.From(profile, asOf, settings.PastDueGraceDays), settings);
        return RuleConfirmation.Confirm(now, daysAgo => At(profile, creditLimit, asOf.AddDays(-daysAgo), settings), settings);
    }

    /// <summary>The unconfirmed rule hits of one reading as of <paramref name="at"/>.</summary>
    public static RuleEvaluation At(BehaviorProfile profile, decimal? creditLimit, DateTimeOffset at, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var features = FeatureEngine.Compute(profile, creditLimit, at);
        return RuleEngine.Evaluate(features, RuleFacts.From(profile, at, settings.PastDueGraceDays), settings);
    }
}
