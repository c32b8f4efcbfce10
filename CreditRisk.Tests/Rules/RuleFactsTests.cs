using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;

namespace CreditRisk.Tests.Rules;

public sealed class RuleFactsTests
{
    private static readonly DateOnly March = new(2026, 3, 31);

    private static CycleSummary Cycle(DateOnly date, decimal paid, decimal balance = 5_000m, decimal minimum = 250m, int dpd = 0) => new()
    {
        StatementDate = date,
        CreditLimit = 10_000m,
        Balance = balance,
        MinimumDue = minimum,
        DueDate = date.AddDays(20),
        AmountPaid = paid,
        DaysPastDue = dpd,
    };

    private static RuleFacts Facts(DateOnly asOf, int grace = 0, params CycleSummary[] cycles) =>
        RuleFacts.From(new BehaviorProfile { CustomerId = "c1", Cycles = [.. cycles] }, new DateTimeOffset(asOf.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), grace);

    [Fact]
    public void PastDue_MinimumUnpaidTenDaysAfterTheDueDate_OverdueAmountAndDays()
    {
        var fact = Facts(March.AddDays(30), 0, Cycle(March, paid: 100m)).PastDue;

        Assert.NotNull(fact);
        Assert.Equal(150m, fact.OverdueAmount);
        Assert.Equal(10, fact.DaysPastDue);
        Assert.Equal(March.AddDays(20), fact.DueDate);
    }

    [Fact]
    public void PastDue_BeforeTheDueDateOrWithinGrace_None()
    {
        Assert.Null(Facts(March.AddDays(20), 0, Cycle(March, paid: 0m)).PastDue);
        Assert.Null(Facts(March.AddDays(25), 5, Cycle(March, paid: 0m)).PastDue);
        Assert.NotNull(Facts(March.AddDays(26), 5, Cycle(March, paid: 0m)).PastDue);
    }

    [Fact]
    public void PastDue_OneMissedPaymentWhileTheNextIsNotDue_StaysUnderThirtyDays()
    {
        var april = March.AddDays(30);
        var fact = Facts(april.AddDays(20), 0, Cycle(March, paid: 0m), Cycle(april, paid: 500m)).PastDue;

        Assert.NotNull(fact);
        Assert.Equal(March, fact.StatementDate);
        Assert.Equal(29, fact.DaysPastDue);
    }

    [Fact]
    public void PastDue_TwoMissedDueDates_ThirtyPlusDaysAndTheNewestMinimumWhichCarriesTheFirst()
    {
        // April's minimum of 550 is its own 300 plus March's unpaid 250, as card statements carry arrears: 550 is what is
        // overdue, not 250 + 550 (the sum counted March's 250 twice).
        var april = March.AddDays(30);
        var fact = Facts(april.AddDays(25), 0, Cycle(March, paid: 0m), Cycle(april, paid: 0m, minimum: 550m)).PastDue;

        Assert.NotNull(fact);
        Assert.Equal(35, fact.DaysPastDue);
        Assert.Equal(March.AddDays(20), fact.DueDate);
        Assert.Equal(550m, fact.OverdueAmount);
    }

    [Fact]
    public void PastDue_ThreeMissedWithPartPaymentsOnTheNewest_ItsShortfallIsWhatIsOverdue()
    {
        var april = March.AddDays(30);
        var may = april.AddDays(31);
        var fact = Facts(may.AddDays(25), 0,
            Cycle(March, paid: 0m), Cycle(april, paid: 100m, minimum: 550m), Cycle(may, paid: 200m, minimum: 760m)).PastDue;

        Assert.NotNull(fact);
        Assert.Equal(March, fact.StatementDate);
        Assert.Equal(560m, fact.OverdueAmount);
    }

    [Fact]
    public void PastDue_MissedThenMadeUpAtTheNextDueDate_None()
    {
        var april = March.AddDays(30);

        Assert.Null(Facts(april.AddDays(25), 0, Cycle(March, paid: 0m), Cycle(april, paid: 600m)).PastDue);
    }

    [Fact]
    public void PastDue_BankReportsFortyFiveDays_CarriedForward()
    {
        var fact = Facts(March.AddDays(5), 0, Cycle(March, paid: 0m, dpd: 45)).PastDue;

        Assert.Equal(50, fact!.DaysPastDue);
    }

    [Fact]
    public void Revolving_PaidInFullOrNot_AndUnknownBeforeAnyDueDate()
    {
        Assert.False(Facts(March.AddDays(25), 0, Cycle(March, paid: 5_000m)).Revolving);
        Assert.True(Facts(March.AddDays(25), 0, Cycle(March, paid: 250m)).Revolving);
        Assert.Null(Facts(March.AddDays(5), 0, Cycle(March, paid: 250m)).Revolving);
    }

    [Fact]
    public void Engine_PastDue_HitFirstWithTheOverdueAmount_HighFromThirtyDays()
    {
        var features = new double?[FeatureIndex.Count];
        features[FeatureIndex.UtilisationPct] = 95;
        var settings = new RuleSettings { UtilisationHighConfirmations = 1 };

        var medium = RuleEngine.Evaluate(features, Facts(March.AddDays(30), 0, Cycle(March, paid: 100m)), settings);
        var high = RuleEngine.Evaluate(features, new RuleFacts(null, null, true, new PastDueFact(March, March.AddDays(20), 150m, 31)), settings);

        Assert.Equal(RuleIds.PastDue, medium.Hits[0].RuleId);
        Assert.Equal(RiskBand.Medium, medium.Hits[0].Band);
        Assert.Equal("150.00 of the minimum due is 10 days overdue (due 20 Apr 2026)", medium.Hits[0].Reason);
        Assert.True(high.Signals.HardFact);
    }

    [Fact]
    public void Engine_Transactor_HighUtilisationIsNotABreach()
    {
        var features = new double?[FeatureIndex.Count];
        features[FeatureIndex.UtilisationPct] = 97;
        var settings = new RuleSettings();

        Assert.Empty(RuleEngine.Evaluate(features, new RuleFacts(null, null, Revolving: false, null), settings).Hits);
        Assert.Single(RuleEngine.Evaluate(features, new RuleFacts(null, null, Revolving: true, null), settings).Hits);
        Assert.Single(RuleEngine.Evaluate(features, new RuleFacts(null, null, Revolving: false, null), settings with { UtilisationRevolvingOnly = false }).Hits);
    }

    [Fact]
    public void Engine_ShareRulesOnTinyAmounts_NotASignal()
    {
        var features = new double?[FeatureIndex.Count];
        features[FeatureIndex.CashWithdrawalPct30d] = 80;
        features[FeatureIndex.SpendChangePct30d] = -90;
        var settings = new RuleSettings();

        Assert.Empty(RuleEngine.Evaluate(features, new RuleFacts(CashWithdrawn30d: 40, SpendPrevious30d: 60, null, null), settings).Hits);
        Assert.Equal(2, RuleEngine.Evaluate(features, new RuleFacts(CashWithdrawn30d: 400, SpendPrevious30d: 600, null, null), settings).Hits.Count);
    }
}
