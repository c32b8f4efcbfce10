using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Persistence;

/// <summary>
/// The current risk is conditional on the profile version it was computed from: with several app instances the
/// slower one's assessment of an older profile may reach the store last, and must not replace a newer reading.
/// </summary>
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Assessments_AddManyAsync_AssessmentOfAnOlderProfileStoredLast_NewerStaysCurrent_BothInTheHistory()
    {
        Begin();
        var newer = A.Assessment("ra-1", "c1", band: RiskBand.High) with { ProfileVersion = 7 };
        var older = A.Assessment("ra-2", "c1", band: RiskBand.Low, probability: 0.05) with { ProfileVersion = 6 };

        await Store.Assessments.AddManyAsync([newer]);
        await Store.Assessments.AddManyAsync([older]);

        var current = (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"];
        Assert.Equal(("ra-1", RiskBand.High, 7L), (current.AssessmentId, current.Band, current.ProfileVersion!.Value));
        var history = await Store.Assessments.ListHistoryAsync("c1", 5);
        Assert.Equal(["ra-1", "ra-2"], history.Select(a => a.Id).Order());
        Assert.Equal(6, history.Single(a => a.Id == "ra-2").ProfileVersion);
        Assert.Equal(1, await Store.Assessments.CountCurrentAsync(RiskBand.High, 0));
        Assert.Equal(0, await Store.Assessments.CountCurrentAsync(RiskBand.Low, 0));
    }

    [SkippableFact]
    public async Task Assessments_AddManyAsync_SameOrNewerProfile_Replaces()
    {
        Begin();
        await Store.Assessments.AddManyAsync([A.Assessment("ra-1", "c1") with { ProfileVersion = 3 }]);

        // A re-score of the same profile (a later as-of time, a new credit limit) replaces it; so does a newer profile.
        await Store.Assessments.AddManyAsync([A.Assessment("ra-2", "c1", band: RiskBand.Medium) with { ProfileVersion = 3 }]);
        Assert.Equal("ra-2", (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].AssessmentId);
        await Store.Assessments.AddManyAsync([A.Assessment("ra-3", "c1", band: RiskBand.Low) with { ProfileVersion = 4 }]);
        var current = (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"];
        Assert.Equal(("ra-3", 4L), (current.AssessmentId, current.ProfileVersion!.Value));
    }

    [SkippableFact]
    public async Task Assessments_AddManyAsync_RowWithoutAProfileVersion_ReplacedByAnyAssessment()
    {
        Begin();
        await Store.Assessments.AddManyAsync([A.Assessment("ra-1", "c1")]);
        Assert.Null((await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].ProfileVersion);

        await Store.Assessments.AddManyAsync([A.Assessment("ra-2", "c1", band: RiskBand.Low) with { ProfileVersion = 0 }]);

        Assert.Equal("ra-2", (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].AssessmentId);
    }

    [SkippableFact]
    public async Task Assessments_AddManyAsync_OneBatch_NewOlderAndNewerStoredRows_EachSettledByItsVersion()
    {
        Begin();
        await Store.Assessments.AddManyAsync(
        [
            A.Assessment("old-2", "c2") with { ProfileVersion = 3 },
            A.Assessment("old-3", "c3") with { ProfileVersion = 9 },
        ]);

        await Store.Assessments.AddManyAsync(
        [
            A.Assessment("new-1", "c1") with { ProfileVersion = 4 },
            A.Assessment("new-2", "c2") with { ProfileVersion = 4 },
            A.Assessment("new-3", "c3") with { ProfileVersion = 4 },
        ]);

        var current = await Store.Assessments.GetCurrentManyAsync(["c1", "c2", "c3"]);
        Assert.Equal(["new-1", "new-2", "old-3"], current.Values.Select(r => r.AssessmentId).Order());
    }
}
