using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Assessments_AddManyAsync_Assessment_RoundTripsEveryField()
    {
        Begin();
        var withModel = A.Assessment("ra-1", "c1");
        var rulesOnly = A.Assessment("ra-2", "c2", band: RiskBand.Medium, probability: null) with { PreviousBand = null };

        await Store.Assessments.AddManyAsync([withModel, rulesOnly]);

        JsonAssert.Equivalent(withModel, await Store.Assessments.GetLatestAsync("c1"));
        JsonAssert.Equivalent(rulesOnly, await Store.Assessments.GetLatestAsync("c2"));
    }

    [SkippableFact]
    public async Task Assessments_AddManyAsync_ComputedAt_RoundTripsOnTheHistoryAndTheCurrentRow()
    {
        Begin();
        var assessment = A.Assessment("ra-1", "c1") with { ComputedAt = A.Now.AddHours(21).AddMilliseconds(-123) };

        await Store.Assessments.AddManyAsync([assessment]);

        Assert.Equal(assessment.ComputedAt, (await Store.Assessments.GetLatestAsync("c1"))!.ComputedAt);
        Assert.Equal(assessment.ComputedAt, Assert.Single(await Store.Assessments.ListHistoryAsync("c1", 5)).ComputedAt);
        Assert.Equal(assessment.ComputedAt, (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].ComputedAt);
        Assert.Equal(assessment.ComputedAt, Assert.Single((await Store.Assessments.QueryCurrentPageAsync(new CurrentRiskQuery())).Items).ComputedAt);
    }

    [SkippableFact]
    public async Task Assessments_AddManyAsync_Assessment_BecomesTheCurrentRisk()
    {
        Begin();
        var assessment = A.Assessment("ra-1", "c1", band: RiskBand.High, probability: 0.87);

        await Store.Assessments.AddManyAsync([assessment]);

        var current = (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"];
        JsonAssert.Equivalent(
            new CustomerRisk
            {
                CustomerId = "c1",
                AssessmentId = "ra-1",
                AssessedAt = assessment.AssessedAt,
                Band = RiskBand.High,
                Score = 0.87,
                Reasons = assessment.Reasons,
                RuleIds = ["utilisation-over-90"],
                ModelVersion = assessment.ModelVersion,
            },
            current);
    }

    [SkippableTheory]
    [InlineData(RiskBand.Low, 0.1)]
    [InlineData(RiskBand.Medium, 0.5)]
    [InlineData(RiskBand.High, 0.9)]
    public async Task Assessments_AddManyAsync_NoEnsembleProbability_ScoresFromTheBand(RiskBand band, double expectedScore)
    {
        Begin();

        await Store.Assessments.AddManyAsync([A.Assessment("ra-1", "c1", band: band, probability: null)]);

        var current = (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"];
        Assert.Equal(expectedScore, current.Score);
        Assert.Equal(expectedScore, CustomerRiskProjection.ScoreForBand(band));
        Assert.Null(current.ModelVersion);
    }

    [SkippableFact]
    public async Task Assessments_AddManyAsync_TwoForOneCustomerInABatch_LastBecomesCurrent()
    {
        Begin();

        await Store.Assessments.AddManyAsync(
        [
            A.Assessment("ra-1", "c1", at: A.Now, band: RiskBand.Low, probability: 0.05),
            A.Assessment("ra-2", "c1", at: A.Now.AddMinutes(1), band: RiskBand.High, probability: 0.95),
        ]);

        var current = (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"];
        Assert.Equal("ra-2", current.AssessmentId);
        Assert.Equal(1, await Store.Assessments.CountCurrentAsync(null, 0));
        Assert.Equal(2, (await Store.Assessments.ListHistoryAsync("c1", 10)).Count);
    }

    [SkippableFact]
    public async Task Assessments_AddManyAsync_LaterBatch_ReplacesTheCurrentRisk()
    {
        Begin();
        await Store.Assessments.AddManyAsync([A.Assessment("ra-1", "c1", band: RiskBand.High, probability: 0.9)]);

        await Store.Assessments.AddManyAsync([A.Assessment("ra-2", "c1", at: A.Now.AddDays(1), band: RiskBand.Low, probability: 0.2)]);

        var counts = await Store.Assessments.CountByBandAsync();
        Assert.Equal(1, counts[RiskBand.Low]);
        Assert.Equal(0, counts[RiskBand.High]);
        Assert.Equal("ra-2", (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].AssessmentId);
    }

    [SkippableFact]
    public async Task Assessments_AddManyAsync_SameAssessmentReplayed_KeepsOneHistoryEntry()
    {
        Begin();
        var assessment = A.Assessment("ra-1", "c1");
        await Store.Assessments.AddManyAsync([assessment]);

        await Store.Assessments.AddManyAsync([assessment]);

        Assert.Single(await Store.Assessments.ListHistoryAsync("c1", 10));
    }

    [SkippableFact]
    public async Task Assessments_GetLatestAsync_SeveralAssessments_ReturnsTheNewest()
    {
        Begin();
        await Store.Assessments.AddManyAsync([A.Assessment("ra-new", "c1", at: A.Now.AddHours(2)), A.Assessment("ra-other", "c10", at: A.Now.AddHours(5))]);
        await Store.Assessments.AddManyAsync([A.Assessment("ra-old", "c1", at: A.Now)]);

        Assert.Equal("ra-new", (await Store.Assessments.GetLatestAsync("c1"))?.Id);
        Assert.Null(await Store.Assessments.GetLatestAsync("nobody"));
    }

    [SkippableFact]
    public async Task Assessments_ListHistoryAsync_Take_ReturnsNewestFirst()
    {
        Begin();
        await Store.Assessments.AddManyAsync(
            Enumerable.Range(0, 5).Select(i => A.Assessment($"ra-{i}", "c1", at: A.Now.AddDays(i))).Append(A.Assessment("x", "c2")).ToList());

        var history = await Store.Assessments.ListHistoryAsync("c1", 3);

        Assert.Equal(["ra-4", "ra-3", "ra-2"], history.Select(a => a.Id));
    }

    [SkippableFact]
    public async Task Assessments_GetCurrentManyAsync_KnownAndUnknown_ReturnsOnlyKnown()
    {
        Begin();
        await Store.Assessments.AddManyAsync([A.Assessment("ra-1", "c1"), A.Assessment("ra-2", "c2")]);

        var current = await Store.Assessments.GetCurrentManyAsync(["c2", "c3"]);

        Assert.Equal(["c2"], current.Keys);
    }

    [SkippableFact]
    public async Task Assessments_GetCurrentManyAsync_AfterReadsThenNewAssessments_ReturnsTheNewCurrentRows()
    {
        Begin();
        await Store.Assessments.AddManyAsync([A.Assessment("ra-1", "c1", A.Now)]);
        Assert.Equal(["c1"], (await Store.Assessments.GetCurrentManyAsync(["c1", "c2"])).Keys);

        await Store.Assessments.AddManyAsync([A.Assessment("ra-2", "c1", A.Now.AddMinutes(1)), A.Assessment("ra-3", "c2", A.Now)]);
        var current = await Store.Assessments.GetCurrentManyAsync(["c1", "c2"]);

        Assert.Equal("ra-2", current["c1"].AssessmentId);
        Assert.Equal("ra-3", current["c2"].AssessmentId);
    }

    [SkippableFact]
    public async Task Assessments_GetCurrentManyAsync_CallerChangesTheLists_TheStoredRowStaysAsItWas()
    {
        Begin();
        await Store.Assessments.AddManyAsync([A.Assessment("ra-1", "c1")]);

        (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].Reasons.Clear();

        Assert.NotEmpty((await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].Reasons);
    }

    [SkippableFact]
    public async Task Assessments_QueryCurrentAsync_Band_ReturnsOnlyThatBandHighestScoreFirst()
    {
        Begin();
        await AddPortfolioAsync();

        var high = await Store.Assessments.QueryCurrentAsync(RiskBand.High, 0, 0, 10);
        var medium = await Store.Assessments.QueryCurrentAsync(RiskBand.Medium, 0, 0, 10);

        Assert.Equal(["h3", "h2", "h1"], high.Select(r => r.CustomerId));
        Assert.Equal(["m2", "m1"], medium.Select(r => r.CustomerId));
    }

    [SkippableFact]
    public async Task Assessments_QueryCurrentAsync_AnyBandWithMinScore_ReturnsScoresAtOrAboveItHighestFirst()
    {
        Begin();
        await AddPortfolioAsync();

        var listed = await Store.Assessments.QueryCurrentAsync(null, 0.5, 0, 10);

        Assert.Equal(["h3", "h2", "h1", "m2", "m1"], listed.Select(r => r.CustomerId));
        Assert.All(listed, r => Assert.True(r.Score >= 0.5));
    }

    [SkippableFact]
    public async Task Assessments_QueryCurrentAsync_BandAndMinScore_AppliesBoth()
    {
        Begin();
        await AddPortfolioAsync();

        var listed = await Store.Assessments.QueryCurrentAsync(RiskBand.High, 0.8, 0, 10);

        Assert.Equal(["h3", "h2"], listed.Select(r => r.CustomerId));
    }

    [SkippableFact]
    public async Task Assessments_QueryCurrentAsync_SkipTake_PagesWithoutOverlap()
    {
        Begin();
        await AddPortfolioAsync();

        var first = await Store.Assessments.QueryCurrentAsync(null, 0, 0, 3);
        var second = await Store.Assessments.QueryCurrentAsync(null, 0, 3, 3);
        var third = await Store.Assessments.QueryCurrentAsync(null, 0, 6, 3);

        Assert.Equal(["h3", "h2", "h1"], first.Select(r => r.CustomerId));
        Assert.Equal(["m2", "m1", "l2"], second.Select(r => r.CustomerId));
        Assert.Equal(["l1"], third.Select(r => r.CustomerId));
    }

    [SkippableFact]
    public async Task Assessments_CountCurrentAsync_Filters_CountTheSameRowsAsTheQuery()
    {
        Begin();
        await AddPortfolioAsync();

        Assert.Equal(7, await Store.Assessments.CountCurrentAsync(null, 0));
        Assert.Equal(3, await Store.Assessments.CountCurrentAsync(RiskBand.High, 0));
        Assert.Equal(2, await Store.Assessments.CountCurrentAsync(RiskBand.High, 0.8));
        Assert.Equal(5, await Store.Assessments.CountCurrentAsync(null, 0.5));
        Assert.Equal(0, await Store.Assessments.CountCurrentAsync(RiskBand.Low, 0.5));
    }

    [SkippableFact]
    public async Task Assessments_CountCurrentScoresOfModelAsync_CountsThatModelsCurrentScoresInTheirBins()
    {
        Begin();
        RiskAssessment Scored(string customerId, double score, string? model) =>
            A.Assessment($"ra-{customerId}", customerId, probability: score) with { ModelVersion = model };
        await Store.Assessments.AddManyAsync(
        [
            Scored("a", 0.05, "v1"), Scored("b", 0.1, "v1"), Scored("c", 0.3, "v1"), Scored("d", 0.9, "v1"),
            Scored("e", 0.3, "v2"), Scored("f", 0.3, null),
            Scored("g", 0.3, "v1"), A.Assessment("ra-g2", "g", at: A.Now.AddMinutes(1), probability: 0.95) with { ModelVersion = "v2" },
        ]);

        // Edges close their bins: 0.1 falls in the first; g is v2's now.
        Assert.Equal([2L, 1L, 1L], await Store.Assessments.CountCurrentScoresOfModelAsync("v1", [0.1, 0.5]));
        Assert.Equal([1L, 1L], await Store.Assessments.CountCurrentScoresOfModelAsync("v2", [0.5]));
        Assert.Equal([4L], await Store.Assessments.CountCurrentScoresOfModelAsync("v1", []));
        Assert.Equal([0L, 0L], await Store.Assessments.CountCurrentScoresOfModelAsync("unknown", [0.5]));
    }

    [SkippableFact]
    public async Task Assessments_CountByBandAsync_MixedPortfolio_CountsEachBand()
    {
        Begin(StoreCapability.GroupedCounts);
        await AddPortfolioAsync();

        var counts = await Store.Assessments.CountByBandAsync();

        Assert.Equal(3, counts[RiskBand.High]);
        Assert.Equal(2, counts[RiskBand.Medium]);
        Assert.Equal(2, counts[RiskBand.Low]);
    }

    [SkippableFact]
    public async Task Assessments_CountByBandAsync_EmptyBand_IsReportedAsZero()
    {
        Begin(StoreCapability.GroupedCounts);
        await Store.Assessments.AddManyAsync([A.Assessment("ra-1", "c1", band: RiskBand.High)]);

        var counts = await Store.Assessments.CountByBandAsync();

        Assert.Equal(
            [KeyValuePair.Create(RiskBand.Low, 0L), KeyValuePair.Create(RiskBand.Medium, 0L), KeyValuePair.Create(RiskBand.High, 1L)],
            counts.OrderBy(p => p.Key));
    }

    /// <summary>Seven customers' current risk; ids name band and rank (h3 is the riskiest High).</summary>
    private Task AddPortfolioAsync() => Store.Assessments.AddManyAsync(
    [
        A.Assessment("a-l1", "l1", band: RiskBand.Low, probability: 0.05),
        A.Assessment("a-h1", "h1", band: RiskBand.High, probability: 0.71),
        A.Assessment("a-m2", "m2", band: RiskBand.Medium, probability: 0.62),
        A.Assessment("a-h3", "h3", band: RiskBand.High, probability: 0.97),
        A.Assessment("a-l2", "l2", band: RiskBand.Low, probability: 0.2),
        A.Assessment("a-m1", "m1", band: RiskBand.Medium, probability: null),
        A.Assessment("a-h2", "h2", band: RiskBand.High, probability: 0.8),
    ]);
}
