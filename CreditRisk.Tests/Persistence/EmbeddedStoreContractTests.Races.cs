using System.Diagnostics;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Snapshots;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Persistence;

/// <summary>
/// Two writers of one customer at once: the rows an embedded store keeps in memory must end as the stored ones. These
/// race many rounds, so they run on the embedded stores only (a round trip to a server makes each round slow, and
/// only the embedded stores keep rows in memory).
/// </summary>
public abstract partial class EmbeddedStoreContractTests
{
    /// <summary>Rounds stop at whichever comes first: a race is lost only now and then, and the suite must stay quick.</summary>
    private const int MaxRounds = 3000;

    private static readonly TimeSpan RaceBudget = TimeSpan.FromSeconds(5);

    private static async Task RaceRoundsAsync(Func<int, Task> round)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < MaxRounds && watch.Elapsed < RaceBudget; i++)
        {
            await round(i);
        }
    }

    [Fact]
    public async Task Race_Customers_TwoConcurrentUpserts_GetAgreesWithTheStoredRow()
    {
        await Store.Customers.UpsertManyAsync([A.Customer("c1", "+919800000001")]);
        await RaceRoundsAsync(async round =>
        {
            await RaceAsync(2, async i =>
            {
                await Store.Customers.UpsertManyAsync([A.Customer("c1", "+919800000001") with { FullName = $"round {round} writer {i}" }]);
                return true;
            });

            await AssertCustomerCacheAgreesAsync(round);
        });
    }

    [Fact]
    public async Task Race_Assessments_ConcurrentReadingsOfTwoProfileVersions_NewerStaysCurrentAfterARetryOfTheOlder()
    {
        await RaceRoundsAsync(async round =>
        {
            long older = (2 * round) + 1, newer = older + 1;
            await RaceAsync(2, async i =>
            {
                var version = i == 0 ? older : newer;
                await Store.Assessments.AddManyAsync([A.Assessment($"ra-{version}", "c1", A.Now.AddMinutes(version)) with { ProfileVersion = version }]);
                return true;
            });

            // The slower instance retries its (older) reading, as a caller would: the newer row stays current.
            await Store.Assessments.AddManyAsync([A.Assessment($"ra-{older}-retry", "c1", A.Now.AddMinutes(older)) with { ProfileVersion = older }]);
            var current = (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].ProfileVersion;
            var stored = (await Store.Assessments.QueryCurrentPageAsync(new CurrentRiskQuery())).Items.Single().ProfileVersion;
            Assert.True(
                current == newer && stored == newer,
                $"round {round}: after a retry of version {older}, GetCurrentManyAsync gives version {current} and the stored row {stored} (newer: {newer})");
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Race_Snapshots_WriteImportBatchAsync_AgainstOtherWrites_CachedRowsAgreeWithTheStoredOnes(bool withAssessments)
    {
        var snapshots = ((ICustomerSnapshotStore)Store).Snapshots;
        await Store.Customers.UpsertManyAsync([A.Customer("c1", "+919800000001")]);
        await RaceRoundsAsync(async round =>
        {
            await RaceAsync(2, async i =>
            {
                var customer = A.Customer("c1", "+919800000001") with { FullName = $"round {round} writer {i}" };
                RiskAssessment[] assessments = withAssessments
                    ? [A.Assessment($"ra-{round}-{i}", "c1", A.Now.AddMinutes(round), RiskBand.High, 0.5 + (i / 10.0))]
                    : [];
                if (i == 0)
                {
                    await snapshots.WriteImportBatchAsync(new SnapshotImportBatch([customer], [], [], assessments));
                }
                else
                {
                    await Store.Customers.UpsertManyAsync([customer]);
                    await Store.Assessments.AddManyAsync(assessments);
                }

                return true;
            });

            await AssertCustomerCacheAgreesAsync(round);
            if (withAssessments)
            {
                await AssertCurrentRiskCacheAgreesAsync(round);
            }
        });
    }

    /// <summary><see cref="ICustomerRepository.GetAsync"/> is served from memory; a phone look-up reads the table.</summary>
    private async Task AssertCustomerCacheAgreesAsync(int round)
    {
        var cached = (await Store.Customers.GetAsync("c1"))!.FullName;
        var stored = (await Store.Customers.FindByPhoneAsync("+919800000001"))!.FullName;
        Assert.True(cached == stored, $"round {round}: GetAsync says '{cached}', the stored row says '{stored}'");
    }

    /// <summary><see cref="IRiskAssessmentRepository.GetCurrentManyAsync"/> is served from memory; the grid reads the table.</summary>
    private async Task AssertCurrentRiskCacheAgreesAsync(int round)
    {
        var cached = (await Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].AssessmentId;
        var stored = (await Store.Assessments.QueryCurrentPageAsync(new CurrentRiskQuery())).Items.Single().AssessmentId;
        Assert.True(cached == stored, $"round {round}: GetCurrentManyAsync says '{cached}', the grid says '{stored}'");
    }
}
