using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring.Cutoffs;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Tests.Scoring.Cutoffs;

public sealed class CadenceCutoffChooserTests
{
    private const int Customers = 1000;
    private const int Months = 12;
    private const int WeeksPerMonth = 4;

    [Fact]
    public void Choose_WeeklyFlicker_MonthlyCutoffIsOverBudgetSoAHigherOneIsChosen()
    {
        var (monthly, readings) = Replay(seed: 1, flicker: 1.2, ruleShare: 0);
        var budget = AlertBudget.Default;

        // The premise: the monthly rows (one reading a month, the model alone) meet the budget at their cut-off, but
        // the same cut-offs re-read weekly raise far more alerts, because scores flicker across High between statements.
        var monthlyChoice = BudgetCutoffChooser.Choose(monthly, budget);
        Assert.True(monthlyChoice.HoldoutHighAlertsPer1000PerMonth <= budget.HighAlertsPer1000PerMonth);
        Assert.True(readings.AlertsPer1000(monthlyChoice.ToBandCutoffs()) > 1.5 * budget.HighAlertsPer1000PerMonth);

        var chosen = CadenceCutoffChooser.Choose(monthly, readings, budget);

        Assert.Equal(CutoffBasis.Budget, chosen.Basis);
        Assert.True(chosen.HighFrom > monthlyChoice.HighFrom, $"High {chosen.HighFrom} not above the monthly {monthlyChoice.HighFrom}");
        Assert.Equal(Math.Round(readings.AlertsPer1000(chosen.ToBandCutoffs()), 2), chosen.HoldoutHighAlertsPer1000PerMonth);
        Assert.True(chosen.HoldoutHighAlertsPer1000PerMonth <= budget.HighAlertsPer1000PerMonth);
        // The lowest such cut-off: the next reading score down is over budget.
        var below = readings.Distinct.First(p => p < chosen.HighFrom);
        Assert.True(readings.AlertsPer1000(new BandCutoffs(chosen.MediumFrom, below)) > budget.HighAlertsPer1000PerMonth);
        Assert.Equal(CadenceCutoffChooser.MediumFor(readings, budget.WatchListShare), chosen.MediumFrom);
        Assert.True(chosen.HoldoutWatchListShare <= budget.WatchListShare);
        Assert.Equal(Customers * Months * WeeksPerMonth, chosen.HoldoutReadings);
        Assert.Equal(Customers * Months, chosen.HoldoutRows);
        Assert.Contains("counted at the live cadence", chosen.Note);
        Assert.DoesNotContain("Medium raised", chosen.Note);
    }

    [Fact]
    public void Choose_RuleSupportedAlertsOverBudget_MediumIsRaisedUntilTheyFitAndTheNoteSaysSo()
    {
        // Most customers have a confirmed High rule throughout: each time the model's flickering score enters Medium
        // they become High, whatever the High cut-off.
        var (monthly, readings) = Replay(seed: 2, flicker: 1.2, ruleShare: 0.6);
        var budget = AlertBudget.Default;
        var watchList = CadenceCutoffChooser.MediumFor(readings, budget.WatchListShare);
        Assert.Null(CadenceCutoffChooser.HighFor(readings, watchList, budget.HighAlertsPer1000PerMonth));

        var chosen = CadenceCutoffChooser.Choose(monthly, readings, budget);

        Assert.Equal(CutoffBasis.Budget, chosen.Basis);
        Assert.True(chosen.MediumFrom > watchList, $"Medium {chosen.MediumFrom} not raised above {watchList}");
        Assert.True(chosen.MediumFrom < chosen.HighFrom);
        Assert.True(chosen.HoldoutHighAlertsPer1000PerMonth <= budget.HighAlertsPer1000PerMonth);
        Assert.True(chosen.HoldoutWatchListShare < budget.WatchListShare);
        Assert.Contains("Medium raised", chosen.Note);
        // In the pages' units: percent for cut-offs, grouped counts ("Medium raised from 6.84% … to 12.95%", "36,580 readings").
        Assert.Matches(@"Medium raised from \d+\.\d{1,2}% \(the watch list's cut-off\) to \d+\.\d{1,2}%:", chosen.Note);
        Assert.Matches(@"\d{1,3}(,\d{3})* readings of \d", chosen.Note);
    }

    [Fact]
    public void Choose_HoldoutTooSmall_KeepsTheLegacyFallbackOfTheMonthlyRows()
    {
        var (monthly, readings) = Replay(seed: 3, flicker: 1, ruleShare: 0, customers: 20);

        var chosen = CadenceCutoffChooser.Choose(monthly, readings, AlertBudget.Default);

        Assert.Equal(CutoffBasis.LegacyDefaults, chosen.Basis);
        Assert.Equal(BudgetCutoffChooser.Legacy, chosen.ToBandCutoffs());
        Assert.Contains("240 customer-months", chosen.Note);
    }

    [Fact]
    public void Escalations_CombineWithTheRulesAndHoldHighWhileTheEvidenceIsMedium()
    {
        var high = new RuleSignals(1, AnyHigh: true, PastDue: false, HardFact: false);
        var readings = new CadencePanel([
            // Model Medium + High rule → High (alert); Medium alone → stays High; Low → drops; High again → second alert.
            new CadenceCustomer([new(0.2, high), new(0.2, RuleSignals.None), new(0.01, RuleSignals.None), new(0.5, RuleSignals.None)], 1),
            // A rule alone against a model that says Low never alerts.
            new CadenceCustomer([new(0.01, high), new(0.01, high)], 1),
        ]);

        Assert.Equal(2, readings.Escalations(new BandCutoffs(0.1, 0.4)));
        Assert.Equal(1000, readings.AlertsPer1000(new BandCutoffs(0.1, 0.4)));
    }

    /// <summary>
    /// Weekly readings of <see cref="SyntheticPanels"/> customers: each month's score swings by <paramref name="flicker"/>
    /// on the log-odds from week to week; the first reading of a month is the monthly row.
    /// </summary>
    private static (ScoredPanel Monthly, CadencePanel Readings) Replay(int seed, double flicker, double ruleShare, int customers = Customers)
    {
        var random = new Random(seed);
        var rows = SyntheticPanels.Create(customers, Months, seed);
        var monthly = new List<PanelRow>();
        var replayed = new List<CadenceCustomer>();
        foreach (var customer in rows.GroupBy(r => r.CustomerId))
        {
            var withRules = random.NextDouble() < ruleShare;
            var readings = new List<CadenceReading>();
            foreach (var row in customer)
            {
                var logit = Math.Log(row.Probability / (1 - row.Probability));
                for (var week = 0; week < WeeksPerMonth; week++)
                {
                    var p = week == 0 ? row.Probability : Math.Round(1 / (1 + Math.Exp(-(logit + (flicker * ((2 * random.NextDouble()) - 1))))), 6);
                    var rule = withRules ? new RuleSignals(1, AnyHigh: true, PastDue: false, HardFact: false) : RuleSignals.None;
                    readings.Add(new CadenceReading(p, rule));
                }

                monthly.Add(row);
            }

            replayed.Add(new CadenceCustomer(readings, Months));
        }

        return (new ScoredPanel(monthly), new CadencePanel(replayed));
    }
}
