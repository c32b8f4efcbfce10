using CreditRisk.Core.Persistence;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Portfolio;

/// <summary>The export reads in batches while scores change: every customer is written once, none left out.</summary>
public sealed class RiskGridExportBatchTests
{
    private const int Customers = RiskGridService.ExportBatchSize + 2;

    [Theory]
    [InlineData(CurrentRiskSort.ScoreDescending)]
    [InlineData(CurrentRiskSort.ScoreAscending)]
    public async Task StreamAsync_ACustomerReScoredAcrossTheBatchBoundary_EveryOtherCustomerWrittenOnce(CurrentRiskSort sort)
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var ids = Enumerable.Range(0, Customers).Select(i => $"c{i:D4}").ToList();
        await temp.Store.Customers.UpsertManyAsync([.. ids.Select((id, i) => A.Customer(id, $"+9198{i:D8}"))]);
        await temp.Store.Assessments.AddManyAsync([.. ids.Select((id, i) => Scored($"a{i}", id, 0.99 - (i * 0.0001)))]);
        var grid = temp.Services.GetRequiredService<RiskGridService>();

        var written = new List<string>();
        await foreach (var row in grid.StreamAsync(new CurrentRiskQuery { Sort = sort }, null))
        {
            written.Add(row.CustomerId);
            if (written.Count == RiskGridService.ExportBatchSize)
            {
                // The nightly re-score moves the first customer written to the far end of the order, between two batches.
                var moved = written[0];
                await temp.Store.Assessments.AddManyAsync([Scored("a-late", moved, sort == CurrentRiskSort.ScoreDescending ? 0.01 : 0.999)]);
            }
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StreamAsync_ATieRunLongerThanABatch_WrittenWholeAndOnce()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var ids = Enumerable.Range(0, Customers + RiskGridService.ExportBatchSize).Select(i => $"c{i:D4}").ToList();
        await temp.Store.Customers.UpsertManyAsync([.. ids.Select((id, i) => A.Customer(id, $"+9198{i:D8}"))]);

        // Rules alone give many customers one score: two batches' worth share 0.5, the rest sit above and below it.
        await temp.Store.Assessments.AddManyAsync([.. ids.Select((id, i) => Scored($"a{i}", id, i < 3 ? 0.9 : i >= ids.Count - 3 ? 0.1 : 0.5))]);
        var grid = temp.Services.GetRequiredService<RiskGridService>();

        var written = await grid.StreamAsync(new CurrentRiskQuery(), null).Select(row => row.CustomerId).ToListAsync();

        Assert.Equal(ids, written); // score descending, ties by id
    }

    private static RiskAssessment Scored(string id, string customerId, double score) =>
        A.Assessment(id, customerId, at: A.Now.AddMinutes(id == "a-late" ? 1 : 0), band: RiskBand.High, probability: score);
}
