using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Ingestion;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.EarlyWarning;

/// <summary>
/// A replay of four hand-made customers with statements only, so that only the utilisation rule can flag High
/// (no champion: the rules alone decide): A crosses 90% on 31 March and B on 30 April, both reaching 30+ DPD on
/// 15 May; C never crosses; D crosses once in February and never becomes delinquent.
/// </summary>
public sealed class EarlyWarningServiceTests : IAsyncLifetime
{
    /// <summary>The day after the data's last statement (30 June 2026): the replay refuses data dated after today.</summary>
    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));

    private readonly string _directory = TestDirectories.New();
    private TempLiteDbStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await TempLiteDbStore.CreateAsync();
        HandMadeReplayData.Write(_directory, new Dictionary<string, (int, int[])>
        {
            ["A"] = (0, [3000, 3000, 9500, 9600, 9700, 9800]),
            ["B"] = (0, [3000, 3000, 3000, 9500, 9600, 9700]),
            ["C"] = (0, [3000, 3000, 3000, 3000, 3000, 3000]),
            ["D"] = (0, [3000, 9500, 3000, 3000, 3000, 3000]),
        }, "A,2026-05-15", "B,2026-05-15");
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        TestDirectories.Delete(_directory);
    }

    // The replay's mechanics with single readings (confirmation has its own tests), hand-timed from the balances alone.
    private static RuleOptions Rules()
    {
        var rules = Risk.PipelineHarness.SingleReadingRules();
        rules.UtilisationRevolvingOnly = false;
        return rules;
    }

    private EarlyWarningService Service() => HandMadeReplayData.Service(_store.Store, Today);

    private EarlyWarningRequest Request() => new() { DataDirectory = _directory, WorkDirectory = _directory, Parallelism = 2 };

    [Fact]
    public async Task RunAsync_HandMadeStatements_LeadTimesFromThePipelineBands()
    {
        var report = await Service().RunAsync(Request());

        Assert.Null(report.ModelVersion);
        Assert.Equal(4, report.Customers);
        Assert.Equal(2, report.DelinquentCustomers);
        Assert.Equal(new DateOnly(2026, 1, 31), report.Period.From);
        Assert.Equal(new DateOnly(2026, 6, 30), report.Period.To);
        Assert.Equal(22, report.Period.Steps);
        Assert.Equal(4 * 22, report.Assessments);

        // A: flagged at the end of 31 March, 44 days ahead; B: at the end of 30 April, 14 days ahead.
        Assert.Equal(0.5, report.FlaggedAhead.High);
        Assert.Equal(1, report.FlaggedBeforeDelinquency.High);
        Assert.Equal(29, report.MedianLeadDays.High);
        Assert.Equal(0.5, report.FlaggedAtLeadDay.High);
        Assert.Equal(0.5, report.FalseAlarmRate.High);
        Assert.Equal(3, report.Alerts);
        Assert.True(report.FlaggedAhead.MediumOrHigher >= report.FlaggedAhead.High);
        Assert.True(report.FalseAlarmRate.MediumOrHigher >= report.FalseAlarmRate.High);
        Assert.Equal(report.FlaggedAhead, report.Sources.RulesAlone.FlaggedAhead);
        Assert.Equal(0, report.Sources.ModelAlone.FlaggedAhead.MediumOrHigher);
        var utilisation = report.Rules[RuleIds.UtilisationHigh];
        Assert.Equal(0.5, utilisation.FlaggedAhead);
        Assert.Equal(29, utilisation.MedianLeadDays);
        Assert.Equal(0.5, utilisation.FalseAlarmRate);
        Assert.Equal(0, report.Rules[RuleIds.CashWithdrawalHigh].FalseAlarmRate);
    }

    [Fact]
    public async Task RunAsync_DataStartingTwoWeeksBeforeD_NotCountedWithHistory()
    {
        // L's statements start on 30 April, 15 days before its 30+ DPD date, though the period started 104 days before it.
        HandMadeReplayData.Write(_directory, new Dictionary<string, (int, int[])>
        {
            ["A"] = (0, [3000, 3000, 9500, 9600, 9700, 9800]),
            ["L"] = (3, [9500, 9600, 9700]),
        }, "A,2026-05-15", "L,2026-05-15");

        var report = await Service().RunAsync(Request());

        Assert.Equal(2, report.DelinquentCustomers);
        Assert.Equal(1, report.WithHistory.DelinquentCustomers);
    }

    [Fact]
    public async Task RunAsync_StepsEndingBeforeACustomersFirstData_DoNotAssessIt()
    {
        HandMadeReplayData.Write(_directory, new Dictionary<string, (int, int[])>
        {
            ["A"] = (0, [3000, 3000, 9500, 9600, 9700, 9800]),
            ["L"] = (3, [9500, 9600, 9700]),
        }, "A,2026-05-15", "L,2026-05-15");

        var report = await Service().RunAsync(Request());

        // L's first statement (30 April) reaches the pipeline at the first step ending on 1 May or later.
        var steps = EarlyWarningService.StepEnds(
            new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), 7);
        var withData = steps.Count(e => e >= new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(22, steps.Count);
        Assert.Equal(steps.Count + withData, report.Assessments);
    }

    [Fact]
    public async Task RunAsync_StoredRuleThresholds_AreTheOnesReplayed()
    {
        // An admin raised the utilisation threshold above every balance: nobody is High any more.
        var raised = RuleSettings.From(Rules()) with { UtilisationHighPct = 99 };
        await new RuleSettingsService(
            _store.Store.Settings, _store.Store.Audit, Options.Create(new RuleOptions()), TimeProvider.System, NullLogger<RuleSettingsService>.Instance)
            .UpdateAsync(raised, 0, "tests");

        var report = await Service().RunAsync(Request());

        Assert.Equal(0, report.FlaggedBeforeDelinquency.High);
        Assert.Equal(0, report.Alerts);
    }

    [Fact]
    public async Task RunAsync_ProposedRules_ReplayedAsIfSavedButTheStoreIsLeftAlone()
    {
        // Stored: the default 90%, which A, B and D cross. Proposed: 99%, above every balance.
        var raised = RuleSettings.From(new RuleOptions()) with { UtilisationHighPct = 99 };
        var proposal = new RiskProposal(raised, new BandCutoffs(0.2, 0.4));

        var proposed = await Service().RunAsync(Request() with { Proposal = proposal });
        var inForce = await Service().RunAsync(Request());

        Assert.True(inForce.Rules[RuleIds.UtilisationHigh].FiringShare > 0);
        Assert.Equal(0, proposed.Rules[RuleIds.UtilisationHigh].FiringShare);
        Assert.Equal(new BandCutoffs(0.2, 0.4), proposed.Cutoffs);
        Assert.Equal(proposal, proposed.Proposal);
        Assert.Null(inForce.Proposal);
        Assert.Null(await _store.Store.Settings.GetAsync(RuleSettingsService.SettingsKey));

        // The same as saving the settings and replaying them.
        await new RuleSettingsService(
            _store.Store.Settings, _store.Store.Audit, Options.Create(new RuleOptions()), TimeProvider.System, NullLogger<RuleSettingsService>.Instance)
            .UpdateAsync(raised, 0, "tests");
        var saved = await Service().RunAsync(Request() with { Proposal = new RiskProposal(null, new BandCutoffs(0.2, 0.4)) });
        Assert.Equal(
            (saved.Alerts, saved.FlaggedAtEnd, saved.FlaggedAhead, saved.FalseAlarmRate, saved.AssessmentShare),
            (proposed.Alerts, proposed.FlaggedAtEnd, proposed.FlaggedAhead, proposed.FalseAlarmRate, proposed.AssessmentShare));
    }

    [Fact]
    public async Task RunAsync_NothingCanFlag_NobodyFlaggedAtTheEnd()
    {
        var quiet = RuleSettings.From(new RuleOptions()) with { UtilisationHighPct = 200, MinimumDueOnlyHighUtilisationPct = 200 };

        var report = await Service().RunAsync(Request() with { Proposal = new RiskProposal(quiet, null) });

        Assert.Equal(new CountByLevel(0, 0), report.FlaggedAtEnd);
    }

    [Fact]
    public void EndOfPeriod_LastAssessmentOfEachCustomer_CountedAtItsLevel()
    {
        static RiskPoint At(int day, RiskBand band) => new(new DateTimeOffset(2026, 1, day, 0, 0, 0, TimeSpan.Zero), null, band, band);
        IReadOnlyList<RiskPoint>[] timelines =
        [
            [At(1, RiskBand.Low), At(2, RiskBand.High)],
            [At(1, RiskBand.High), At(2, RiskBand.Medium)],
            [At(1, RiskBand.High), At(2, RiskBand.Low)],
            [],
        ];

        Assert.Equal(new CountByLevel(MediumOrHigher: 2, High: 1), EndOfPeriod.Flagged(timelines));
    }

    [Fact]
    public async Task RunAsync_InvalidProposal_RefusedBeforeReplaying()
    {
        var proposal = new RiskProposal(null, new BandCutoffs(0.5, 0.4));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service().RunAsync(Request() with { Proposal = proposal }));

        Assert.Contains("cutoffs.highFrom", error.Message);
    }

    [Fact]
    public async Task RunAsync_WhatIfAtTheConfiguredCutoffs_ReproducesThePipelineBands()
    {
        var report = await Service().RunAsync(Request() with { WhatIf = [BandCutoffResolver.Resolve(new BandingOptions(), (IRiskModel?)null).Cutoffs] });

        var same = Assert.Single(report.WhatIf).WithRules;
        Assert.Equal(report.FlaggedAhead, same.FlaggedAhead);
        Assert.Equal(report.FalseAlarmRate, same.FalseAlarmRate);
        Assert.Equal(report.AlertsPer1000CustomersPerMonth, same.AlertsPer1000CustomersPerMonth);
    }

    [Fact]
    public async Task RunAsync_Afterwards_LeavesNoTemporaryStoreBehind()
    {
        await Service().RunAsync(Request());

        Assert.Empty(Directory.GetDirectories(_directory));
    }

    [Fact]
    public async Task RunAsync_NoDelinquencyEvents_ClearError()
    {
        File.Delete(Path.Combine(_directory, "delinquency_events.csv"));

        var error = await Assert.ThrowsAsync<TrainingDataException>(() => Service().RunAsync(Request()));

        Assert.Contains("delinquency_events.csv", error.Message);
    }

    [Fact]
    public void StepEnds_PeriodNotAMultipleOfTheStep_LastStepEndsWithTheData()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var ends = EarlyWarningService.StepEnds(start, start.AddDays(10), 7);

        Assert.Equal([start.AddDays(7), start.AddDays(10)], ends);
    }
}
