using CreditRisk.Core.Scoring;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Models_AddAsync_Version_RoundTripsEveryFieldIncludingBytes()
    {
        Begin();
        var version = A.ModelVersion("v1");

        await Store.Models.AddAsync(version);

        JsonAssert.Equivalent(version, await Store.Models.GetAsync("v1"));
    }

    [SkippableFact]
    public async Task Models_AddAsync_SeveralMebibytesOfModel_RoundTripsTheBytes()
    {
        Begin(StoreCapability.LargeBinaries);
        var version = A.ModelVersion("v1", size: (3 * 1024 * 1024) + 17);

        await Store.Models.AddAsync(version);

        Assert.Equal(version.ModelBytes, (await Store.Models.GetAsync("v1"))!.ModelBytes);
    }

    [SkippableFact]
    public async Task Models_AddAsync_EmptyMetricsAndBytes_RoundTrip()
    {
        Begin();
        var version = A.ModelVersion("v1", size: 0) with { Metrics = [], TrainingSummary = [], FeatureNames = [] };

        await Store.Models.AddAsync(version);

        JsonAssert.Equivalent(version, await Store.Models.GetAsync("v1"));
    }

    [SkippableFact]
    public async Task Models_AddAsync_VersionWithCurves_RoundTripsTheCurvesInGetAndList()
    {
        Begin();
        var version = A.ModelVersion("v1") with { Curves = A.ModelCurves() };

        await Store.Models.AddAsync(version);

        JsonAssert.Equivalent(version, await Store.Models.GetAsync("v1"));
        JsonAssert.Equivalent(version.Curves, (await Store.Models.ListAsync()).Single().Curves);
    }

    [SkippableFact]
    public async Task Models_AddAsync_VersionWithCurvesOfEachModel_RoundTripsThemInGetListAndChampion()
    {
        Begin();
        var version = A.ModelVersion("v1") with { Curves = A.ModelCurves(), CurvesByModel = A.CurvesByModel() };

        await Store.Models.AddAsync(version);
        await Store.Models.PromoteAsync("v1", A.Now.AddHours(1));

        JsonAssert.Equivalent(version.CurvesByModel, (await Store.Models.GetAsync("v1"))!.CurvesByModel);
        JsonAssert.Equivalent(version.CurvesByModel, (await Store.Models.ListAsync()).Single().CurvesByModel);
        var champion = await Store.Models.GetChampionAsync();
        Assert.Equal(
            [ModelNames.Challenger, ModelNames.Ensemble, ModelNames.Logistic, ModelNames.Tree],
            champion!.CurvesByModel.Keys.Order(StringComparer.Ordinal));
        JsonAssert.Equivalent(version.CurvesByModel[ModelNames.Tree], champion.CurvesByModel[ModelNames.Tree]);
    }

    [SkippableFact]
    public async Task Models_AddAsync_VersionWithCutoffsAndBudgetCurve_RoundTripsThemInGetListAndChampion()
    {
        Begin();
        var version = A.ModelVersion("v1") with { Cutoffs = A.ChosenCutoffs(), BudgetCurve = A.BudgetCurve() };

        await Store.Models.AddAsync(version);
        await Store.Models.PromoteAsync("v1", A.Now.AddHours(1));

        JsonAssert.Equivalent(version.Cutoffs, (await Store.Models.GetAsync("v1"))!.Cutoffs);
        JsonAssert.Equivalent(version.BudgetCurve, (await Store.Models.GetAsync("v1"))!.BudgetCurve);
        JsonAssert.Equivalent(version.Cutoffs, (await Store.Models.ListAsync()).Single().Cutoffs);
        JsonAssert.Equivalent(version.BudgetCurve, (await Store.Models.GetChampionAsync())!.BudgetCurve);
        Assert.Null((await Store.Models.GetAsync("v1"))!.BudgetCurve[0].HighFrom);
    }

    [SkippableFact]
    public async Task Models_AddAsync_VersionWithoutCutoffs_ReadsBackNullCutoffsAndNoCurve()
    {
        Begin();

        await Store.Models.AddAsync(A.ModelVersion("v1"));

        var stored = await Store.Models.GetAsync("v1");
        Assert.Null(stored!.Cutoffs);
        Assert.Empty(stored.BudgetCurve);
    }

    [SkippableFact]
    public async Task Models_AddAsync_VersionWithoutCurves_ReadsBackNullCurves()
    {
        Begin();

        await Store.Models.AddAsync(A.ModelVersion("v1") with { Curves = null });

        var stored = await Store.Models.GetAsync("v1");
        Assert.Null(stored!.Curves);
        Assert.Empty(stored.CurvesByModel);
        Assert.Empty(stored.CurvesOfEachModel());
    }

    [SkippableFact]
    public async Task Models_GetAsync_UnknownId_ReturnsNull()
    {
        Begin();

        Assert.Null(await Store.Models.GetAsync("nope"));
    }

    [SkippableFact]
    public async Task Models_ListAsync_SeveralVersions_NewestFirstWithoutBytes()
    {
        Begin();
        await Store.Models.AddAsync(A.ModelVersion("v1", A.Now));
        await Store.Models.AddAsync(A.ModelVersion("v3", A.Now.AddDays(2)));
        await Store.Models.AddAsync(A.ModelVersion("v2", A.Now.AddDays(1)));

        var listed = await Store.Models.ListAsync();

        Assert.Equal(["v3", "v2", "v1"], listed.Select(v => v.Id));
        Assert.All(listed, v => Assert.Empty(v.ModelBytes));
        JsonAssert.Equivalent(A.ModelVersion("v2", A.Now.AddDays(1)) with { ModelBytes = [] }, listed[1]);
    }

    [SkippableFact]
    public async Task Models_GetChampionAsync_NonePromoted_ReturnsNull()
    {
        Begin();
        await Store.Models.AddAsync(A.ModelVersion("v1"));

        Assert.Null(await Store.Models.GetChampionAsync());
    }

    [SkippableFact]
    public async Task Models_PromoteAsync_KnownVersion_MakesItTheChampionWithBytes()
    {
        Begin();
        var version = A.ModelVersion("v1");
        await Store.Models.AddAsync(version);

        Assert.True(await Store.Models.PromoteAsync("v1", A.Now.AddHours(1)));

        JsonAssert.Equivalent(version with { IsChampion = true, PromotedAt = A.Now.AddHours(1) }, await Store.Models.GetChampionAsync());
    }

    [SkippableFact]
    public async Task Models_PromoteAsync_SecondVersion_LeavesExactlyOneChampion()
    {
        Begin();
        await Store.Models.AddAsync(A.ModelVersion("v1", A.Now));
        await Store.Models.AddAsync(A.ModelVersion("v2", A.Now.AddDays(1)));
        await Store.Models.PromoteAsync("v1", A.Now.AddDays(2));

        Assert.True(await Store.Models.PromoteAsync("v2", A.Now.AddDays(3)));

        var listed = await Store.Models.ListAsync();
        Assert.Equal(["v2"], listed.Where(v => v.IsChampion).Select(v => v.Id));
        Assert.Equal("v2", (await Store.Models.GetChampionAsync())?.Id);
        Assert.False((await Store.Models.GetAsync("v1"))!.IsChampion);
    }

    [SkippableFact]
    public async Task Models_PromoteAsync_UnknownId_ReturnsFalseAndKeepsTheChampion()
    {
        Begin();
        await Store.Models.AddAsync(A.ModelVersion("v1"));
        await Store.Models.PromoteAsync("v1", A.Now);

        Assert.False(await Store.Models.PromoteAsync("nope", A.Now.AddDays(1)));

        Assert.Equal("v1", (await Store.Models.GetChampionAsync())?.Id);
    }

    [SkippableFact]
    public async Task Models_AddAsync_NewChampion_DemotesThePreviousOne()
    {
        Begin();
        await Store.Models.AddAsync(A.ModelVersion("v1"));
        await Store.Models.PromoteAsync("v1", A.Now);

        await Store.Models.AddAsync(A.ModelVersion("v2", A.Now.AddDays(1)) with { IsChampion = true, PromotedAt = A.Now.AddDays(1) });

        Assert.Equal(["v2"], (await Store.Models.ListAsync()).Where(v => v.IsChampion).Select(v => v.Id));
    }

    [SkippableFact]
    public async Task Models_PromoteAsync_ConcurrentPromotions_LeaveExactlyOneChampion()
    {
        Begin(StoreCapability.ConcurrentWriters);
        for (var i = 0; i < 5; i++)
        {
            await Store.Models.AddAsync(A.ModelVersion($"v{i}", A.Now.AddMinutes(i), size: 16));
        }

        var results = await RaceAsync(20, i => Store.Models.PromoteAsync($"v{i % 5}", A.Now.AddHours(i)));

        Assert.All(results, Assert.True);
        Assert.Single(await Store.Models.ListAsync(), v => v.IsChampion);
    }
}
