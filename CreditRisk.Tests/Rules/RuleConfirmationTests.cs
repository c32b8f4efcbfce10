using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;

namespace CreditRisk.Tests.Rules;

public sealed class RuleConfirmationTests
{
    private static readonly RuleSettings Defaults = new();

    private static RuleEvaluation Hits(params string[] ruleIds) =>
        RuleEvaluation.Of([.. ruleIds.Select(id => new RuleHit(id, RiskBand.High, $"{id} breached"))]);

    [Fact]
    public void Confirm_BreachedOnlyNow_NotConfirmed()
    {
        var confirmed = RuleConfirmation.Confirm(Hits(RuleIds.UtilisationHigh), _ => RuleEvaluation.None, Defaults);

        Assert.Empty(confirmed.Hits);
        Assert.Equal(RiskBand.Low, confirmed.Band);
    }

    [Fact]
    public void Confirm_BreachedNowAndTwoWeeksAgo_ConfirmedWithTheChecksInTheReason()
    {
        var asked = new List<int>();
        var confirmed = RuleConfirmation.Confirm(
            Hits(RuleIds.CashWithdrawalHigh),
            daysAgo =>
            {
                asked.Add(daysAgo);
                return daysAgo == 14 ? Hits(RuleIds.CashWithdrawalHigh) : RuleEvaluation.None;
            },
            Defaults);

        var hit = Assert.Single(confirmed.Hits);
        Assert.Equal("cash-withdrawal-high breached (on 2 of the last 3 weekly checks)", hit.Reason);
        Assert.Equal([7, 14], asked);
    }

    [Fact]
    public void Confirm_BreachedOnEveryCheck_ReasonCountsEveryCheck()
    {
        var confirmed = RuleConfirmation.Confirm(Hits(RuleIds.CashWithdrawalHigh), _ => Hits(RuleIds.CashWithdrawalHigh), Defaults);

        // Not "2 of 3": the breach held on all three, which a risk team reads differently from a borderline one.
        Assert.Equal("cash-withdrawal-high breached (on 3 of the last 3 weekly checks)", Assert.Single(confirmed.Hits).Reason);
    }

    [Fact]
    public void Confirm_AnotherRuleBreachedEarlier_DoesNotConfirmThisOne()
    {
        var confirmed = RuleConfirmation.Confirm(Hits(RuleIds.SpendDrop), _ => Hits(RuleIds.CashWithdrawalHigh), Defaults);

        Assert.Empty(confirmed.Hits);
    }

    [Fact]
    public void Confirm_RulesNeedingOneReadingOrCycleBased_KeptWithoutLookingBack()
    {
        var settings = Defaults with { UtilisationHighConfirmations = 1 };

        var confirmed = RuleConfirmation.Confirm(
            Hits(RuleIds.UtilisationHigh, RuleIds.MinimumDueOnly, RuleIds.PastDue),
            _ => throw new InvalidOperationException("no earlier reading is needed"),
            settings);

        Assert.Equal(3, confirmed.Hits.Count);
        Assert.Equal(RuleIds.PastDue, confirmed.Hits[0].RuleId); // a hard fact comes first
    }

    [Fact]
    public void Confirm_EarlierReadingsComputedOnceForSeveralRules()
    {
        var calls = 0;
        var confirmed = RuleConfirmation.Confirm(
            Hits(RuleIds.UtilisationHigh, RuleIds.CashWithdrawalHigh),
            _ =>
            {
                calls++;
                return Hits(RuleIds.CashWithdrawalHigh);
            },
            Defaults with { UtilisationHighConfirmations = 3 });

        Assert.Equal(RuleIds.CashWithdrawalHigh, Assert.Single(confirmed.Hits).RuleId);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Settings_MoreConfirmationsThanReadings_InvalidNamingTheField()
    {
        var errors = (Defaults with { ConfirmationChecks = 2, SpendDropConfirmations = 3 }).Validate();

        Assert.Contains(nameof(RuleSettings.SpendDropConfirmations), errors.Keys);
    }
}
