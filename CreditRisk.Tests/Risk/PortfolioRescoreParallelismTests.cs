using System.ComponentModel.DataAnnotations;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Risk;

/// <summary>Batches re-scored side by side give exactly what one batch at a time gives; the settings' bounds.</summary>
public sealed class PortfolioRescoreParallelismTests
{
    private const int Customers = 1_200;

    [Fact]
    public async Task RunAsync_ThreeBatchesAtOnce_StoresTheSameRisksAndAlertsAsOneAtATime()
    {
        await using var sequential = await PipelineHarness.CreateAsync();
        await using var parallel = await PipelineHarness.CreateAsync();

        var one = await SeedAndRescoreAsync(sequential, parallelism: 1);
        var three = await SeedAndRescoreAsync(parallel, parallelism: 3);

        Assert.Equal((Customers, Customers, 0), (three.Customers, three.Rescored, three.FailedCount));
        Assert.Equal((1, 3), (one.MostBatchesAtOnce, three.MostBatchesAtOnce));
        Assert.Equal(one.Escalations, three.Escalations);
        Assert.True(one.Escalations > 0, "the threshold change escalates some customers");
        var ids = Enumerable.Range(0, Customers).Select(Id).ToArray();
        var expected = await sequential.Store.Assessments.GetCurrentManyAsync(ids);
        var actual = await parallel.Store.Assessments.GetCurrentManyAsync(ids);
        Assert.Equal(Customers, actual.Count);
        foreach (var id in ids)
        {
            // Assessment ids (and the escalation basis made from them) come from a clock-ordered sequence, so they differ.
            Assert.Equal(Comparable(expected[id]), Comparable(actual[id]));
            Assert.Equal(2, (await parallel.Store.Assessments.ListHistoryAsync(id, 10)).Count);
        }

        Assert.Equal(await PendingAlertCustomersAsync(sequential), await PendingAlertCustomersAsync(parallel));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void Parallelism_OutsideZeroTo64_IsRefusedNamingTheSetting(int value, bool valid)
    {
        var options = new PortfolioRescoreOptions { Parallelism = value };
        var errors = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.All(errors, e => Assert.Contains(nameof(PortfolioRescoreOptions.Parallelism), e.MemberNames));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void YieldAtIngestionBusyPercent_OutsideOneTo100_IsRefusedNamingTheSetting(int value, bool valid)
    {
        var options = new PortfolioRescoreOptions { YieldAtIngestionBusyPercent = value };
        var errors = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.All(errors, e => Assert.Contains(nameof(PortfolioRescoreOptions.YieldAtIngestionBusyPercent), e.MemberNames));
    }

    /// <summary>Customers with limit 10,000 and one purchase each, amounts spread over 40–99%; then the 90% rule lowered to 80%.</summary>
    private static async Task<PortfolioRescoreSummary> SeedAndRescoreAsync(PipelineHarness h, int parallelism)
    {
        var ids = Enumerable.Range(0, Customers).Select(Id).ToArray();
        await h.AddCustomersAsync(ids);
        var spends = ids.Select((id, i) => new Transaction
        {
            Id = "t-" + id,
            CustomerId = id,
            Timestamp = PipelineHarness.Start.AddDays(-3),
            Amount = 4_000m + (i * 37 % 60 * 100m),
            Type = TransactionType.Purchase,
            MerchantCategory = "5411",
        }).ToList();
        await h.Pipeline.ProcessTransactionsAsync(await h.Store.Transactions.InsertNewAsync(spends));
        var rules = await h.Rules.GetAsync();
        await h.Rules.UpdateAsync(rules.Settings with { UtilisationHighPct = 80 }, rules.Version, "alice");
        h.Time.Advance(TimeSpan.FromDays(1));

        var service = new PortfolioRescoreService(
            h.Pipeline, h.Store, Options.Create(new PortfolioRescoreOptions { BatchSize = 100, Parallelism = parallelism }), h.Time,
            NullLogger<PortfolioRescoreService>.Instance);
        return await service.RunAsync("test");
    }

    private static object Comparable(CustomerRisk risk) => System.Text.Json.JsonSerializer.Serialize(
        risk with { AssessmentId = string.Empty, EscalationBasis = null });

    private static async Task<List<string>> PendingAlertCustomersAsync(PipelineHarness h) =>
        [.. (await h.Store.Alerts.ListByStatusAsync(AlertStatus.Pending, DateTimeOffset.MaxValue, Customers)).Select(a => a.CustomerId).Order(StringComparer.Ordinal)];

    private static string Id(int i) => $"cust-{i:D5}";
}
