using CreditRisk.Core.Risk;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Tests.Risk;

/// <summary>
/// Issue #16: app instances sharing a store may read different current risks for one customer while scoring it at
/// the same time; one escalation must still raise one alert.
/// </summary>
public sealed class EscalationAcrossInstancesTests : IAsyncLifetime
{
    private static int _sequence;
    private PipelineHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await PipelineHarness.CreateAsync();
        await _h.AddCustomersAsync("c1");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task TwoInstancesEscalateFromTwoDifferentLowPriors_OneAlert()
    {
        await IngestAsync(_h.Pipeline, Purchase(1_000m, -5));
        var firstLow = await _h.Store.Assessments.GetCurrentManyAsync(["c1"]);
        await IngestAsync(_h.Pipeline, Purchase(1_000m, -4));
        var secondLow = await _h.Store.Assessments.GetCurrentManyAsync(["c1"]);
        Assert.NotEqual(firstLow["c1"].AssessmentId, secondLow["c1"].AssessmentId);

        // Instance X read the first Low as its prior before the second was stored; instance Y read the second.
        var x = Assert.Single(await IngestAsync(_h.NewInstance(new StaleCurrentRiskStore(_h.Store, firstLow)), Purchase(7_500m, -3)));
        var y = Assert.Single(await IngestAsync(_h.NewInstance(new StaleCurrentRiskStore(_h.Store, secondLow)), Purchase(100m, -2)));

        Assert.Equal((RiskBand.High, RiskBand.Low), (x.Band, x.PreviousBand!.Value));
        Assert.Equal((RiskBand.High, RiskBand.Low), (y.Band, y.PreviousBand!.Value));
        var alert = Assert.Single(await _h.Store.Alerts.ListForCustomerAsync("c1", 10));
        Assert.Equal(EscalationKeys.For("c1", EscalationKeys.NoPrior, RiskBand.High), alert.EscalationKey);
    }

    [Fact]
    public async Task FallsBelowHighAndRisesAgain_TheFallIsTheNewBasis_SecondAlert()
    {
        await IngestAsync(_h.Pipeline, Purchase(9_500m, -30));
        var low = Assert.Single(await IngestAsync(_h.Pipeline, Tx(6_000m, TransactionType.Payment, -20)));
        var stillLow = Assert.Single(await IngestAsync(_h.Pipeline, Purchase(500m, -15)));
        await IngestAsync(_h.Pipeline, Purchase(6_000m, -10));

        Assert.Equal(low.Id, low.EscalationBasis);
        Assert.Equal(low.Id, stillLow.EscalationBasis);
        var keys = (await _h.Store.Alerts.ListForCustomerAsync("c1", 10)).Select(a => a.EscalationKey).Order().ToList();
        Assert.Equal([$"c1:{low.Id}:High", "c1:none:High"], keys);
    }

    [Fact]
    public void BasisOf_CurrentRiskStoredBeforeTheBasisExisted_ItsOwnIdAsBefore()
    {
        var legacy = new CustomerRisk { CustomerId = "c1", AssessmentId = "a-7", AssessedAt = PipelineHarness.Start, Band = RiskBand.Low, Score = 0.1 };

        Assert.Equal("a-7", EscalationKeys.BasisOf(legacy));
        Assert.Equal(EscalationKeys.NoPrior, EscalationKeys.BasisOf(null));
    }

    private async Task<IReadOnlyList<RiskAssessment>> IngestAsync(RiskPipeline pipeline, params Transaction[] batch)
    {
        var inserted = await _h.Store.Transactions.InsertNewAsync(batch);
        return await pipeline.ProcessTransactionsAsync(inserted);
    }

    private static Transaction Purchase(decimal amount, int daysFromStart) => Tx(amount, TransactionType.Purchase, daysFromStart);

    private static Transaction Tx(decimal amount, TransactionType type, int daysFromStart) => new()
    {
        Id = $"e-{Interlocked.Increment(ref _sequence)}",
        CustomerId = "c1",
        Timestamp = PipelineHarness.Start.AddDays(daysFromStart),
        Amount = amount,
        Type = type,
        MerchantCategory = type == TransactionType.Purchase ? "5411" : null,
        ReceivedAt = PipelineHarness.Start,
    };
}
