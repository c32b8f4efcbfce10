using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Builders;

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

    [Theory]
    [InlineData(8, 31)]
    [InlineData(5, 31)]
    [InlineData(2, 31)]
    [InlineData(8, 18)]
    public void Settings_ReadingsReachingPastTheProfile_InvalidNamingBothFields(int checks, int spacing)
    {
        var errors = (Defaults with { ConfirmationChecks = checks, ConfirmationSpacingDays = spacing }).Validate();

        Assert.Equal((checks - 1) * spacing > 120, errors.ContainsKey(nameof(RuleSettings.ConfirmationSpacingDays)));
        Assert.Equal((checks - 1) * spacing > 120, errors.ContainsKey(nameof(RuleSettings.ConfirmationChecks)));
    }

    [Fact]
    public void Confirmed_AllReadingsNeededAtTheLongestAllowedLookback_FiresOnALongBreach()
    {
        // 400 days of a cash-heavy customer: every reading the settings allow sees the breach, so needing all of them fires.
        var asOf = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var profile = CashHeavyEveryDay(asOf, days: 400);
        var settings = Defaults with
        {
            ConfirmationChecks = 5,
            ConfirmationSpacingDays = RuleSettings.MaxConfirmationLookbackDays / 4,
            CashWithdrawalHighConfirmations = 5,
        };
        Assert.Empty(settings.Validate());

        var evaluation = RuleReading.Confirmed(profile, 1_000_000m, asOf, FeatureEngine.Compute(profile, 1_000_000m, asOf), settings);

        Assert.Contains(RuleIds.CashWithdrawalHigh, evaluation.Hits.Select(h => h.RuleId));
    }

    /// <summary>A purchase of 100 and a cash withdrawal of 200 on each of <paramref name="days"/> days up to <paramref name="asOf"/>.</summary>
    private static BehaviorProfile CashHeavyEveryDay(DateTimeOffset asOf, int days)
    {
        var transactions = new List<Transaction>();
        for (var d = 0; d < days; d++)
        {
            var at = asOf.AddHours(-6).AddDays(-d);
            transactions.Add(A.Transaction($"p{d}", "c", at, 100m, TransactionType.Purchase));
            transactions.Add(A.Transaction($"w{d}", "c", at.AddMinutes(1), 200m, TransactionType.CashWithdrawal));
        }

        return ProfileBuilder.Build("c", transactions, []);
    }
}
