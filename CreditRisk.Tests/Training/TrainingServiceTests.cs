using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Cutoffs;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Training;

public sealed class TrainingServiceTests(PortfolioFixture portfolio) : IClassFixture<PortfolioFixture>, IAsyncLifetime
{
    private static readonly BandCutoffs Cutoffs = new(0.35, 0.65);
    private static readonly BandingOptions Pinned = new() { MediumFrom = Cutoffs.MediumFrom, HighFrom = Cutoffs.HighFrom };
    private TrainingHarness _h = null!;

    public async Task InitializeAsync() => _h = await TrainingHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task TrainAsync_Portfolio_RegistersTheVersionWithHoldoutMeasuresOfEveryModel()
    {
        var report = await _h.Training.TrainAsync(Request(promote: false));

        Assert.Equal(800, report.Rows);
        Assert.Equal(report.Rows, report.TrainRows + report.HoldoutRows);
        Assert.Equal(240, report.HoldoutRows);
        Assert.Equal("holdout", report.EvaluatedOn);
        Assert.All([report.Models.Logistic, report.Models.Tree, report.Models.Ensemble, report.Models.Challenger!], m =>
        {
            Assert.Equal(240, m.Rows);
            Assert.InRange(m.Auc, 0.7, 1);
            Assert.Equal((2 * m.Auc) - 1, m.Gini, 12);
            Assert.Equal(10, m.Calibration.Count);
        });

        var stored = await _h.Store.Models.GetAsync(report.Version);
        Assert.NotNull(stored);
        Assert.False(stored.IsChampion);
        Assert.Equal("cli:test", stored.CreatedBy);
        Assert.Equal(_h.Time.GetUtcNow(), stored.CreatedAt);
        Assert.Equal(report.Models.Ensemble.Auc, stored.Metrics["ensemble"]["auc"]);
        Assert.Equal(["logistic", "tree", "ensemble", "challenger"], stored.Metrics.Keys);
        Assert.Equal("800", stored.TrainingSummary["rows"]);
        Assert.Equal("transactions+statements", stored.TrainingSummary["sources"]);
        Assert.Null(await _h.Provider.GetChampionAsync());
    }

    [Fact]
    public async Task TrainAsync_Promote_TheLiveProviderServesTheNewVersion()
    {
        var first = await _h.Training.TrainAsync(Request(promote: true));
        var live = await _h.Provider.GetChampionAsync();
        var second = await _h.Training.TrainAsync(Request(promote: true) with { Seed = 43 });

        Assert.Equal(first.Version, live!.Version);
        Assert.Equal(second.Version, (await _h.Provider.GetChampionAsync())!.Version);
        Assert.Equal(second.Version, (await _h.Store.Models.GetChampionAsync())!.Id);
    }

    [Fact]
    public async Task TrainAsync_SameSeed_SameMeasures()
    {
        var a = await _h.Training.TrainAsync(Request(promote: false));
        var b = await _h.Training.TrainAsync(Request(promote: false));

        Assert.NotEqual(a.Version, b.Version);
        Assert.Equal(a.Models.Ensemble.Auc, b.Models.Ensemble.Auc);
        Assert.Equal(a.Models.Challenger!.Brier, b.Models.Challenger!.Brier);
    }

    [Fact]
    public async Task EvaluateAsync_Champion_MeasuresEveryRowWithoutTraining()
    {
        var trained = await _h.Training.TrainAsync(Request(promote: true));
        var versions = (await _h.Store.Models.ListAsync()).Count;

        var report = await new EvaluationService(_h.Store.Models).EvaluateAsync(portfolio.Directory, null, Pinned);

        Assert.Equal(trained.Version, report.Version);
        Assert.Equal("all", report.EvaluatedOn);
        Assert.Equal(800, report.Models.Ensemble.Rows);
        Assert.Equal("stable", report.Psi.Reading);
        Assert.Equal(versions, (await _h.Store.Models.ListAsync()).Count);
    }

    [Fact]
    public async Task EvaluateAsync_NoChampion_ThrowsAHelpfulError()
    {
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            new EvaluationService(_h.Store.Models).EvaluateAsync(portfolio.Directory, null, Pinned));

        Assert.Contains("--promote", error.Message);
    }

    [Fact]
    public async Task TrainAsync_Portfolio_StoresTheEnsembleHoldoutCurves()
    {
        var report = await _h.Training.TrainAsync(Request(promote: false));

        var curves = (await _h.Store.Models.GetAsync(report.Version))?.Curves;

        Assert.NotNull(curves);
        Assert.InRange(curves.Roc.Count, 3, BinaryMetrics.DefaultRocPoints);
        Assert.Equal((0d, 0d), (curves.Roc[0].FalsePositiveRate, curves.Roc[0].TruePositiveRate));
        Assert.Equal((1d, 1d), (curves.Roc[^1].FalsePositiveRate, curves.Roc[^1].TruePositiveRate));
        Assert.Equal(report.Models.Ensemble.Auc, Scoring.Evaluation.RocCurveTests.Area(curves.Roc), tolerance: 0.01);
        Assert.Equal(report.HoldoutRows, curves.Calibration.Sum(b => b.Count));
        Assert.Equal(report.Models.Ensemble.Calibration.Select(b => b.ObservedRate), curves.Calibration.Select(b => b.ObservedRate));
    }

    [Fact]
    public async Task TrainAsync_Portfolio_StoresTheHoldoutCurvesOfEachModelMatchingItsMetrics()
    {
        var report = await _h.Training.TrainAsync(Request(promote: false));

        var version = await _h.Store.Models.GetAsync(report.Version);

        var expected = new Dictionary<string, ModelEvaluation>
        {
            [ModelNames.Logistic] = report.Models.Logistic,
            [ModelNames.Tree] = report.Models.Tree,
            [ModelNames.Ensemble] = report.Models.Ensemble,
            [ModelNames.Challenger] = report.Models.Challenger!,
        };
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), version!.CurvesByModel.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, evaluation) in expected)
        {
            var curves = version.CurvesByModel[name];
            Assert.Equal(evaluation.Auc, Scoring.Evaluation.RocCurveTests.Area(curves.Roc), tolerance: 0.01);
            Assert.Equal(version.Metrics[name]["auc"], Scoring.Evaluation.RocCurveTests.Area(curves.Roc), tolerance: 0.01);
            Assert.Equal(report.HoldoutRows, curves.Calibration.Sum(b => b.Count));
            Assert.Equal(evaluation.Calibration.Select(b => b.ObservedRate), curves.Calibration.Select(b => b.ObservedRate));
        }

        // The models differ, so their curves must too: a copy of one model's curves under every name would pass above only by luck.
        Assert.NotEqual(
            Scoring.Evaluation.RocCurveTests.Area(version.CurvesByModel[ModelNames.Logistic].Roc),
            Scoring.Evaluation.RocCurveTests.Area(version.CurvesByModel[ModelNames.Tree].Roc));
        JsonAssert.Equivalent(version.Curves, version.CurvesByModel[ModelNames.Ensemble]);
    }

    [Fact]
    public async Task TrainAsync_NothingPinned_ChoosesCutoffsFromTheBudgetStoresThemAndMeasuresAtThem()
    {
        // 240 hold-out rows carry a budget of 50 alerts per 1,000 (ten alerts need 200 rows).
        var report = await _h.Training.TrainAsync(Request(promote: false) with { Cutoffs = null, Budget = new AlertBudget(50, 0.10) });

        var chosen = Assert.IsType<ChosenCutoffs>(report.ChosenCutoffs);
        Assert.Equal(CutoffBasis.Budget, chosen.Basis);
        Assert.Equal((50d, 0.10), (chosen.HighAlertsPer1000PerMonth, chosen.WatchListShare));
        Assert.InRange(chosen.HoldoutHighAlertsPer1000PerMonth, 0, 50);
        Assert.InRange(chosen.HoldoutWatchListShare, 0, 0.10);
        Assert.True(chosen.MediumFrom < chosen.HighFrom);
        Assert.Equal(240, chosen.HoldoutRows);
        // Counted on the hold-out customers replayed weekly over their history, the rules combined.
        Assert.InRange(chosen.HoldoutReadings, 4 * chosen.HoldoutRows, int.MaxValue);
        Assert.Contains("counted at the live cadence", chosen.Note);
        Assert.Equal(chosen.ToBandCutoffs(), report.Cutoffs);
        Assert.Equal(chosen.HighFrom, report.Models.Ensemble.AtHighCutoff.Threshold);
        Assert.StartsWith("platt on logit(blend)", report.EnsembleCalibration);

        var stored = await _h.Store.Models.GetAsync(report.Version);
        JsonAssert.Equivalent(chosen, stored!.Cutoffs);
        Assert.Equal(BudgetCurve.DefaultBudgets, stored.BudgetCurve.Select(p => p.Budget));
        JsonAssert.Equivalent(report.BudgetCurve, stored.BudgetCurve);
        Assert.Equal(report.EnsembleCalibration, stored.TrainingSummary["ensemble_calibration"]);
    }

    [Fact]
    public async Task TrainAsync_StoredRowsWithoutHistory_CountsTheCutoffsOnTheMonthlyRowsAndSaysSo()
    {
        var history = TrainingDataReader.Read(portfolio.Directory);
        var rows = new TrainingRows { Rows = PointInTimeFeatures.Build(history), Source = "rows", HasTransactions = true, HasStatements = true };

        var report = await _h.Training.TrainAsync(rows, Request(promote: false) with { Cutoffs = null, Budget = new AlertBudget(50, 0.10) });

        var chosen = report.ChosenCutoffs!;
        Assert.Equal(CutoffBasis.Budget, chosen.Basis);
        Assert.Equal(0, chosen.HoldoutReadings);
        Assert.Contains("counted on the monthly hold-out rows, the model alone", chosen.Note);
        Assert.InRange(chosen.HoldoutHighAlertsPer1000PerMonth, 0, 50);
    }

    [Fact]
    public async Task TrainAsync_Pinned_MeasuresAtThePinnedCutoffsAndStillStoresTheChosenOnes()
    {
        var report = await _h.Training.TrainAsync(Request(promote: false) with { Budget = new AlertBudget(50, 0.10) });

        Assert.Equal(Cutoffs, report.Cutoffs);
        Assert.Equal(Cutoffs.HighFrom, report.Models.Ensemble.AtHighCutoff.Threshold);
        Assert.Equal(CutoffBasis.Budget, (await _h.Store.Models.GetAsync(report.Version))!.Cutoffs!.Basis);
    }

    [Fact]
    public async Task TrainAsync_HoldoutTooSmallForTheDefaultBudget_StoresTheLegacyCutoffsWithTheReason()
    {
        var report = await _h.Training.TrainAsync(Request(promote: false) with { Cutoffs = null });

        Assert.Equal(CutoffBasis.LegacyDefaults, report.ChosenCutoffs!.Basis);
        Assert.Contains("240 customer-months", report.ChosenCutoffs.Note);
        Assert.Equal(new BandCutoffs(0.10, 0.30), report.Cutoffs);
    }

    [Fact]
    public async Task TrainAsync_RulesSavedByAnAdmin_CutoffsCountTheAlertsOfTheRulesInForce()
    {
        var request = Request(promote: false) with { Cutoffs = null, Budget = new AlertBudget(50, 0.10) };
        var underDefaults = await _h.Training.TrainAsync(request);
        var current = await _h.Rules.GetAsync();
        var saved = await _h.Rules.UpdateAsync(current.Settings with { UtilisationHighPct = 5 }, current.Version, "admin.asha");

        var underSaved = await _h.Training.TrainAsync(request);

        // Nearly everyone breaches a 5% utilisation rule, so the rules alone spend the budget the model had before.
        Assert.Equal(RuleSettingsUpdateStatus.Saved, saved.Status);
        Assert.NotEqual(underDefaults.ChosenCutoffs, underSaved.ChosenCutoffs);
    }

    [Fact]
    public async Task EvaluateAsync_NothingPinned_EachVersionAtItsOwnCutoffsAndAnOldOneAtTheLegacyDefaults()
    {
        var trained = await _h.Training.TrainAsync(Request(promote: true) with { Cutoffs = null, Budget = new AlertBudget(50, 0.10) });
        var version = await _h.Store.Models.GetAsync(trained.Version);
        await _h.Store.Models.AddAsync(version! with { Id = "old", IsChampion = false, Cutoffs = null, BudgetCurve = [] });
        var evaluation = new EvaluationService(_h.Store.Models);

        var own = await evaluation.EvaluateAsync(portfolio.Directory, null, new BandingOptions());
        var old = await evaluation.EvaluateAsync(portfolio.Directory, "old", new BandingOptions());

        Assert.Equal(trained.ChosenCutoffs!.ToBandCutoffs(), own.Cutoffs);
        Assert.Equal(new BandCutoffs(0.10, 0.30), old.Cutoffs);
        Assert.Equal(own.Models.Ensemble.Auc, old.Models.Ensemble.Auc);
    }

    private TrainingRequest Request(bool promote) => new()
    {
        DataDirectory = portfolio.Directory,
        HoldoutShare = 0.3,
        Seed = 42,
        Promote = promote,
        CreatedBy = "cli:test",
        Cutoffs = Cutoffs,
    };
}
