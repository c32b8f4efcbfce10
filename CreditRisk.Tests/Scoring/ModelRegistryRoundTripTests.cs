using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Cutoffs;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Scoring;

public sealed class ModelRegistryRoundTripTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>, IAsyncLifetime
{
    private readonly string _dir = TestDirectories.New();
    private ICreditRiskStore? _store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        TestDirectories.Delete(_dir);
    }

    // Both embedded stores: a real package is megabytes, stored apart from the version's document in each.
    [Theory]
    [InlineData("litedb")]
    [InlineData("sqlite")]
    public async Task AddThenGet_LoadedModel_ScoresExactlyLikeTheTrainedOne(string storeKind)
    {
        var store = _store = storeKind == "sqlite"
            ? new SqliteCreditRiskStore(Path.Combine(_dir, "store.sqlite"))
            : new LiteDbCreditRiskStore(Path.Combine(_dir, "store.db"));
        await store.InitializeAsync();
        await store.Models.AddAsync(ModelPackageTestData.Version("v1", fixture.Trained.PackageBytes));

        var stored = await store.Models.GetAsync("v1");
        var model = ModelPackage.Load(stored!);

        Assert.Equal("v1", model.Version);
        Assert.Equal(FeatureNames.Ordered, stored!.FeatureNames);
        Assert.Equal(0.8, stored.Metrics["ensemble"]["auc"]);
        foreach (var row in fixture.TestRows.Take(300))
        {
            Assert.Equal(fixture.Model.Probabilities(row), model.Probabilities(row));
        }
    }

    [Fact]
    public void Load_PackageWrittenBeforeTheEnsembleWasRecalibrated_ScoresThePlainBlend()
    {
        var old = ModelPackageTestData.WithoutManifestField(fixture.Trained.PackageBytes, "ensembleCalibration");

        var model = ModelPackage.Load(ModelPackageTestData.Version("old", old));

        Assert.Null(model.Calibration);
        foreach (var row in fixture.TestRows.Take(100))
        {
            var trained = fixture.Model.Probabilities(row);
            var loaded = model.Probabilities(row);
            Assert.Equal((trained.Logistic, trained.Tree), (loaded.Logistic, loaded.Tree));
            Assert.Equal((0.6 * loaded.Logistic) + (0.4 * loaded.Tree), loaded.Ensemble, 12);
        }
    }

    [Fact]
    public void Load_VersionWithStoredCutoffs_TheModelBringsThem()
    {
        var version = ModelPackageTestData.Version("v1", fixture.Trained.PackageBytes) with
        {
            Cutoffs = new ChosenCutoffs { MediumFrom = 0.08, HighFrom = 0.27, Basis = CutoffBasis.Budget },
        };

        Assert.Equal(new BandCutoffs(0.08, 0.27), ModelPackage.Load(version).StoredCutoffs);
        Assert.Null(ModelPackage.Load(version with { Cutoffs = null }).StoredCutoffs);
        Assert.Null(ModelPackage.Load("v1", fixture.Trained.PackageBytes).StoredCutoffs);
    }

    [Fact]
    public void Load_RegistryFeatureListDiffers_IsRefusedWithAClearMessage()
    {
        var reordered = FeatureNames.Ordered.Reverse().ToList();
        var version = ModelPackageTestData.Version("v-old", fixture.Trained.PackageBytes, reordered);

        var error = Assert.Throws<ModelIncompatibleException>(() => ModelPackage.Load(version));

        Assert.Contains("'v-old'", error.Message);
        Assert.Contains("different order", error.Message);
        Assert.Contains("Retrain", error.Message);
    }

    [Fact]
    public void Load_PackageTrainedOnAnotherFeature_IsRefusedNamingIt()
    {
        var bytes = ModelPackageTestData.WithRenamedFeature(fixture.Trained.PackageBytes, FeatureNames.CashWithdrawalPct30d, "cash_pct_old");

        var error = Assert.Throws<ModelIncompatibleException>(() => ModelPackage.Load("v-old", bytes));

        Assert.Contains($"missing {FeatureNames.CashWithdrawalPct30d}", error.Message);
        Assert.Contains("unknown cash_pct_old", error.Message);
    }

    [Fact]
    public void Load_GarbageBytes_IsRefused()
    {
        Assert.Throws<ModelIncompatibleException>(() => ModelPackage.Load("v-bad", [1, 2, 3]));
    }

    [Fact]
    public void Load_ManifestOutOfStepWithItsModels_IsRefusedNamingTheVersion()
    {
        var bytes = ModelPackageTestData.WithLayoutNarrowerThanTheModel(fixture.Trained.PackageBytes);

        var error = Assert.Throws<ModelIncompatibleException>(() => ModelPackage.Load("v-damaged", bytes));

        Assert.Contains("'v-damaged' cannot be read", error.Message);
    }

    [Theory]
    [InlineData("featureNames")]
    [InlineData("inputs")]
    [InlineData("trainingScores")]
    public void Load_ManifestFieldWrittenAsNull_IsRefusedSayingWhatIsMissing(string field)
    {
        var bytes = ModelPackageTestData.WithManifestFieldNull(fixture.Trained.PackageBytes, field);

        var error = Assert.Throws<ModelIncompatibleException>(() => ModelPackage.Load("v-damaged", bytes));

        Assert.Contains("lacks its feature names, input rules or training scores", error.Message);
    }
}
