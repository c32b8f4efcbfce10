using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Tests.EarlyWarning;

public sealed class EarlyWarningMeasuresTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddDays(365);

    private static RiskPoint Point(int day, RiskBand band, double? p = null, RiskBand? rules = null) =>
        new(Start.AddDays(day), p, rules ?? band, band);

    private static DateOnly Day(int day) => DateOnly.FromDateTime(Start.AddDays(day).UtcDateTime);

    private static EarlyWarningFigures Compute(
        Dictionary<string, IReadOnlyList<RiskPoint>> timelines, Dictionary<string, DateOnly> delinquency, EarlyWarningMeasures.BandOf? bandOf = null) =>
        EarlyWarningMeasures.Compute(
            timelines, delinquency, timelines.Keys.ToDictionary(id => id, _ => Day(0)), bandOf ?? EarlyWarningMeasures.PipelineBand, Start, End);

    [Fact]
    public void Compute_HandMadeTimelines_SharesAndMedianLeadDays()
    {
        var timelines = new Dictionary<string, IReadOnlyList<RiskPoint>>
        {
            // 100 days ahead at Medium, 40 at High.
            ["early"] = [Point(0, RiskBand.Low), Point(100, RiskBand.Medium), Point(160, RiskBand.High)],
            // 20 days ahead at High: flagged before, not 30 days before.
            ["late"] = [Point(0, RiskBand.Low), Point(180, RiskBand.High)],
            // Flagged only after the 30+ DPD date: no lead.
            ["after"] = [Point(0, RiskBand.Low), Point(210, RiskBand.High)],
            ["healthy"] = [Point(0, RiskBand.Low), Point(50, RiskBand.Medium), Point(57, RiskBand.Low)],
            ["noisy"] = [Point(0, RiskBand.High), Point(7, RiskBand.Low)],
            ["quiet"] = [Point(0, RiskBand.Low)],
        };
        var delinquency = new Dictionary<string, DateOnly> { ["early"] = Day(200), ["late"] = Day(200), ["after"] = Day(200) };

        var figures = Compute(timelines, delinquency);

        Assert.Equal(6, figures.Customers);
        Assert.Equal(3, figures.DelinquentCustomers);
        Assert.Equal(3, figures.NeverDelinquentCustomers);
        Assert.Equal(new ByLevel(0.3333, 0.3333), figures.FlaggedAhead);
        Assert.Equal(new ByLevel(0.6667, 0.6667), figures.FlaggedBefore);
        Assert.Equal(new NullableByLevel(60, 30), figures.MedianLeadDays); // medians of {100, 20} and {40, 20}
        Assert.Equal(new ByLevel(0.6667, 0.3333), figures.FalseAlarmRate);
    }

    [Fact]
    public void Compute_FlagWithdrawnBeforeTheLeadDay_CountsAheadButNotAtTheLeadDay()
    {
        var timelines = new Dictionary<string, IReadOnlyList<RiskPoint>>
        {
            ["withdrawn"] = [Point(10, RiskBand.High), Point(20, RiskBand.Low)],
            ["held"] = [Point(10, RiskBand.High), Point(20, RiskBand.High)],
        };
        var delinquency = new Dictionary<string, DateOnly> { ["withdrawn"] = Day(200), ["held"] = Day(200) };

        var figures = Compute(timelines, delinquency);

        Assert.Equal(1, figures.FlaggedAhead.High);
        Assert.Equal(0.5, figures.FlaggedAtLeadDay.High);
        Assert.Equal(190, figures.MedianLeadDays.High);
    }

    [Fact]
    public void Compute_Escalations_CountOneAlertPerRiseIntoHighLikeThePipeline()
    {
        var timelines = new Dictionary<string, IReadOnlyList<RiskPoint>>
        {
            ["a"] = [Point(0, RiskBand.High), Point(7, RiskBand.High), Point(14, RiskBand.Medium), Point(21, RiskBand.High)],
            ["b"] = [Point(0, RiskBand.Low), Point(7, RiskBand.Medium)],
        };

        var figures = Compute(timelines, []);

        Assert.Equal(2, figures.Alerts);
        Assert.Equal(Math.Round(2 * 1000.0 / 2 / (365 / EarlyWarningMeasures.DaysPerMonth), 2), figures.AlertsPer1000CustomersPerMonth);
        Assert.Equal(new ByLevel(0.8333, 0.5), figures.AssessmentShare);
    }

    [Fact]
    public void Compute_DelinquentWithinTheFirst90Days_LeftOutOfTheWithHistorySubset()
    {
        var timelines = new Dictionary<string, IReadOnlyList<RiskPoint>>
        {
            ["soon"] = [Point(0, RiskBand.Low)],
            ["later"] = [Point(0, RiskBand.High)],
        };
        var delinquency = new Dictionary<string, DateOnly> { ["soon"] = Day(40), ["later"] = Day(120) };

        var figures = Compute(timelines, delinquency);

        Assert.Equal(2, figures.DelinquentCustomers);
        Assert.Equal(0.5, figures.FlaggedAhead.High);
        Assert.Equal(1, figures.WithHistory.DelinquentCustomers);
        Assert.Equal(1, figures.WithHistory.FlaggedAhead.High);
    }

    [Fact]
    public void Compute_DelinquentWithin90DaysOfTheirOwnFirstData_LeftOutOfTheWithHistorySubset()
    {
        // Both reach 30+ DPD 200 days into the period; "late" has data only from day 185, "none" has none at all.
        var timelines = new Dictionary<string, IReadOnlyList<RiskPoint>>
        {
            ["early"] = [Point(0, RiskBand.High)],
            ["late"] = [Point(186, RiskBand.Low)],
            ["none"] = [],
        };
        var delinquency = new Dictionary<string, DateOnly> { ["early"] = Day(200), ["late"] = Day(200), ["none"] = Day(200) };
        var firstDataDays = new Dictionary<string, DateOnly> { ["early"] = Day(0), ["late"] = Day(185) };

        var figures = EarlyWarningMeasures.Compute(timelines, delinquency, firstDataDays, EarlyWarningMeasures.PipelineBand, Start, End);

        Assert.Equal(3, figures.DelinquentCustomers);
        Assert.Equal(1, figures.WithHistory.DelinquentCustomers);
        Assert.Equal(1, figures.WithHistory.FlaggedAhead.High);
    }

    [Theory]
    [InlineData(0.70, 0, false, RiskBand.High)]
    [InlineData(0.40, 0, false, RiskBand.Medium)]
    [InlineData(0.40, 1, true, RiskBand.High)]
    [InlineData(0.10, 1, true, RiskBand.Low)]
    [InlineData(0.10, 2, false, RiskBand.Medium)]
    public void WithCutoffs_ModelBandAndRuleSignals_CombinedAsThePipelineDoes(double probability, int rules, bool anyHigh, RiskBand expected)
    {
        var point = new RiskPoint(Start, probability, RiskBand.Low, RiskBand.Low, Signals: new RuleSignals(rules, anyHigh, false, false));

        Assert.Equal(expected, EarlyWarningMeasures.WithCutoffs(new BandCutoffs(0.35, 0.65))(point, null));
    }

    [Fact]
    public void WithCutoffs_HighThenMediumEvidence_StaysHighAndCountsOneAlert()
    {
        var cutoffs = new BandCutoffs(0.35, 0.65);
        var timelines = new Dictionary<string, IReadOnlyList<RiskPoint>>
        {
            ["flicker"] = [Point(0, RiskBand.Low, 0.7), Point(7, RiskBand.Low, 0.5), Point(14, RiskBand.Low, 0.7), Point(21, RiskBand.Low, 0.1), Point(28, RiskBand.Low, 0.7)],
        };

        var figures = Compute(timelines, [], EarlyWarningMeasures.WithCutoffs(cutoffs));

        // High at 0, held through the Medium reading at 7 and 14; Low at 21 ends it; High again at 28 is a second alert.
        Assert.Equal(2, figures.Alerts);
    }

    [Fact]
    public void RuleFiring_OneRuleOfSeveral_HighOnlyWhileThatRuleFires()
    {
        var mask = RuleBits.Of([
            new RuleHit(RuleIds.CashWithdrawalHigh, RiskBand.High, "cash"), new RuleHit(RuleIds.SpendDrop, RiskBand.Medium, "drop")]);
        var point = new RiskPoint(Start, null, RiskBand.High, RiskBand.High, mask);
        int Index(string id) => RuleBits.Ids.ToList().IndexOf(id);

        Assert.Equal(RiskBand.High, EarlyWarningMeasures.RuleFiring(Index(RuleIds.SpendDrop))(point, null));
        Assert.Equal(RiskBand.High, EarlyWarningMeasures.RuleFiring(Index(RuleIds.CashWithdrawalHigh))(point, null));
        Assert.Equal(RiskBand.Low, EarlyWarningMeasures.RuleFiring(Index(RuleIds.UtilisationHigh))(point, null));
    }

    [Fact]
    public void ModelAloneAndRulesAlone_SplitTheCombinedBand()
    {
        var point = new RiskPoint(Start, 0.5, RiskBand.High, RiskBand.High, Signals: new RuleSignals(2, true, false, false));

        Assert.Equal(RiskBand.Medium, EarlyWarningMeasures.ModelAlone(new BandCutoffs(0.35, 0.65))(point, null));
        Assert.Equal(RiskBand.High, EarlyWarningMeasures.RulesAlone(point, null));
        Assert.Equal(RiskBand.Medium, EarlyWarningMeasures.RulesAlone(point with { Signals = new RuleSignals(1, false, false, false) }, null));
        Assert.Equal(RiskBand.Low, EarlyWarningMeasures.ModelAlone(new BandCutoffs(0.35, 0.65))(point with { Probability = null }, null));
    }
}
