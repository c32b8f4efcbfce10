using CreditRisk.Core.Features;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Cutoffs;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Snapshots;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Training;

/// <summary>A retrain's figures beside the champion's are measured on the same hold-out rows, or say why not.</summary>
public sealed class HoldoutChampionComparisonTests(PortfolioFixture portfolio) : IClassFixture<PortfolioFixture>, IAsyncLifetime
{
    private TrainingHarness _h = null!;

    public async Task InitializeAsync() => _h = await TrainingHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task TrainAsync_WithAChampion_StoresTheChampionScoredOnExactlyTheNewHoldoutRows()
    {
        var champion = await _h.Training.TrainAsync(Request(seed: 42, promote: true));
        _h.Time.Advance(TimeSpan.FromMinutes(1));

        var retrained = await _h.Training.TrainAsync(Request(seed: 43, promote: false));

        var same = retrained.ChampionOnSameHoldout;
        Assert.NotNull(same);
        Assert.True(same.Compared, same.Reason);
        Assert.Equal(champion.Version, same.ChampionVersion);
        Assert.Equal(retrained.HoldoutRows, same.Rows);
        Assert.Equal(retrained.Models.Ensemble.Auc, same.VersionAuc, 12);
        Assert.Equal(retrained.Models.Ensemble.Brier, same.VersionBrier, 12);

        // Independently: rebuild the second version's hold-out (seed 43) and score it with the champion's package.
        var history = TrainingDataReader.Read(portfolio.Directory);
        var rows = PointInTimeFeatures.Build(EarlyWarningLabels.Relabel(history) ?? history);
        var (_, holdoutIndex) = HoldoutSplit.Split(rows, 0.3, 43);
        var holdout = holdoutIndex.Select(i => rows[i]).ToList();
        var model = ModelPackage.Load((await _h.Store.Models.GetAsync(champion.Version))!);
        var scores = holdout.ConvertAll(r => model.Probabilities(r.Features).Ensemble);
        var labels = holdout.ConvertAll(r => r.Label);
        Assert.Equal(holdout.Count, same.Rows);
        Assert.Equal(labels.Count(l => l), same.Positives);
        Assert.Equal(BinaryMetrics.Auc(scores, labels), same.ChampionAuc!.Value, 12);
        Assert.Equal(BinaryMetrics.Brier(scores, labels), same.ChampionBrier!.Value, 12);
        // Not the champion's figure on its own hold-out (seed 42): that one is not comparable.
        Assert.NotEqual(champion.Models.Ensemble.Auc, same.ChampionAuc!.Value, 12);

        var stored = await _h.Store.Models.GetAsync(retrained.Version);
        Assert.Equal(same, stored!.ChampionOnSameHoldout);
        Assert.NotNull(same.Note); // the champion was trained on the same dates: it may have seen these rows
    }

    [Fact]
    public async Task TrainAsync_FirstVersion_SaysThereWasNoChampion()
    {
        var report = await _h.Training.TrainAsync(Request(seed: 42, promote: true));

        var same = report.ChampionOnSameHoldout!;
        Assert.False(same.Compared);
        Assert.Null(same.ChampionVersion);
        Assert.Null(same.ChampionAuc);
        Assert.Equal("No behavioural champion was registered when this version was trained.", same.Reason);
        Assert.Equal(report.Models.Ensemble.Auc, same.VersionAuc, 12);
    }

    [Fact]
    public async Task CompareAsync_ChampionOnAnotherFeatureList_IsNotComparedAndSaysWhy()
    {
        await _h.Store.Models.AddAsync(A.ModelVersion("stale") with { IsChampion = true, FeatureNames = ["utilisation_pct", "no_such_feature"] });

        var same = await HoldoutChampionComparison.CompareAsync(_h.Store.Models, FeatureNames.Ordered, Rows(), [0.2, 0.7, 0.4, 0.9]);

        Assert.False(same.Compared);
        Assert.Equal("stale", same.ChampionVersion);
        Assert.Null(same.ChampionAuc);
        Assert.Contains("no_such_feature", same.Reason);
        Assert.Contains("cannot score these rows", same.Reason);
        Assert.Equal(4, same.Rows);
        Assert.Equal(1.0, same.VersionAuc);
    }

    [Fact]
    public async Task CompareAsync_ChampionPackageUnreadable_IsNotComparedAndSaysWhy()
    {
        await _h.Store.Models.AddAsync(A.ModelVersion("broken") with { IsChampion = true, FeatureNames = [.. FeatureNames.Ordered] });

        var same = await HoldoutChampionComparison.CompareAsync(_h.Store.Models, FeatureNames.Ordered, Rows(), [0.2, 0.7, 0.4, 0.9]);

        Assert.False(same.Compared);
        Assert.StartsWith("The champion broken cannot be loaded:", same.Reason);
    }

    [Fact]
    public async Task CompareAsync_SnapshotVersion_IgnoresTheBehaviouralChampion()
    {
        await _h.Store.Models.AddAsync(A.ModelVersion("behavioural") with { IsChampion = true, FeatureNames = [.. FeatureNames.Ordered] });

        var same = await HoldoutChampionComparison.CompareAsync(_h.Store.Models, SnapshotFeatures.Ordered, Rows(), [0.2, 0.7, 0.4, 0.9]);

        Assert.False(same.Compared);
        Assert.Null(same.ChampionVersion);
        Assert.Equal("No snapshot champion was registered when this version was trained.", same.Reason);
    }

    [Fact]
    public async Task CompareAsync_ScoresOfAnotherLength_AreRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            HoldoutChampionComparison.CompareAsync(_h.Store.Models, FeatureNames.Ordered, Rows(), [0.2]));
    }

    private static List<LabeledRow> Rows() =>
    [
        new("c1", new DateOnly(2026, 1, 1), false, new double?[FeatureNames.Ordered.Count]),
        new("c2", new DateOnly(2026, 1, 1), true, new double?[FeatureNames.Ordered.Count]),
        new("c3", new DateOnly(2026, 1, 1), false, new double?[FeatureNames.Ordered.Count]),
        new("c4", new DateOnly(2026, 1, 1), true, new double?[FeatureNames.Ordered.Count]),
    ];

    private TrainingRequest Request(int seed, bool promote) => new()
    {
        DataDirectory = portfolio.Directory,
        HoldoutShare = 0.3,
        Seed = seed,
        Promote = promote,
        CreatedBy = "cli:test",
        Cutoffs = new BandCutoffs(0.35, 0.65),
    };
}
