using CreditRisk.Core.Risk;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Tests.Risk;

/// <summary>
/// Issue #16: two app instances applying batches for one customer at the same time, interleaved in a chosen order
/// (<see cref="PausingAssessmentsStore"/>), the way <c>TwoInstancesOnOneStoreTests</c> interleaves them by chance.
/// </summary>
public sealed class InterleavedInstancesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset DayBefore = PipelineHarness.Start.AddDays(-1);
    private static int _sequence;
    private PipelineHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await PipelineHarness.CreateAsync();
        await _h.AddCustomersAsync("c1");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>
    /// The missing alert: Y read the current risk (as of yesterday), X then applied a purchase dated today and was
    /// assessed without Y's; Y's profile save met X's version and took X's purchase in. Y's assessment must speak for
    /// the data its profile holds — today's purchase included — or no assessment ever sees the whole 95% and the
    /// customer is never escalated.
    /// </summary>
    [Fact]
    public async Task ProfileSaveTakesInTheOtherInstancesNewerDay_AssessedThroughIt_EscalatesWithOneAlert()
    {
        await IngestAsync(_h.Pipeline, Purchase(8_000m, DayBefore));
        var paused = new PausingAssessmentsStore(_h.Store);
        var pause = paused.PauseAfterCurrentRead();
        var yRun = _h.NewInstance(paused).ProcessTransactionsAsync(await InsertAsync(Purchase(500m, DayBefore.AddHours(10))));
        await pause.Reached.Task;

        var x = Assert.Single(await IngestAsync(_h.NewInstance(), Purchase(1_000m, PipelineHarness.Start.AddHours(-2))));
        pause.Release();
        var y = Assert.Single(await yRun);

        Assert.NotEqual(RiskBand.High, x.Band); // 90% is not above 90%: X alone does not escalate
        Assert.Equal(3, (await _h.Store.Profiles.GetAsync("c1"))!.TransactionCount);
        var alert = Assert.Single(await _h.Store.Alerts.ListForCustomerAsync("c1", 10));
        Assert.True(y.AssessedAt >= x.AssessedAt, $"Y assessed as of {y.AssessedAt:O}, before X's purchase at {x.AssessedAt:O}");
        Assert.Equal((RiskBand.High, RiskBand.Low), (y.Band, y.PreviousBand!.Value));
        Assert.Equal(EscalationKeys.For("c1", EscalationKeys.NoPrior, RiskBand.High), alert.EscalationKey);
        Assert.Equal(RiskBand.High, (await _h.Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"].Band);
    }

    /// <summary>
    /// The older reading stored last: Y saved its profile and scored it, X then saved a newer profile and stored its
    /// assessment, and only then did Y store its own. Y's reading, which lacks X's batch, must not become current.
    /// </summary>
    [Fact]
    public async Task OlderReadingStoredAfterANewerOne_TheNewerStaysCurrent()
    {
        await IngestAsync(_h.Pipeline, Purchase(1_000m, DayBefore));
        var paused = new PausingAssessmentsStore(_h.Store);
        var pause = paused.PauseBeforeWrite();
        var yRun = _h.NewInstance(paused).ProcessTransactionsAsync(await InsertAsync(Purchase(500m, PipelineHarness.Start.AddHours(-3))));
        await pause.Reached.Task;

        var x = Assert.Single(await IngestAsync(_h.NewInstance(), Purchase(8_000m, PipelineHarness.Start.AddHours(-2))));
        pause.Release();
        var y = Assert.Single(await yRun);

        Assert.Equal((RiskBand.Low, RiskBand.High), (y.Band, x.Band));
        var current = (await _h.Store.Assessments.GetCurrentManyAsync(["c1"]))["c1"];
        Assert.Equal((x.Id, RiskBand.High), (current.AssessmentId, current.Band));
        Assert.Equal(2, (await _h.Store.Assessments.ListHistoryAsync("c1", 10)).Count(a => a.Id == x.Id || a.Id == y.Id));
    }

    private async Task<IReadOnlyList<RiskAssessment>> IngestAsync(RiskPipeline pipeline, Transaction transaction) =>
        await pipeline.ProcessTransactionsAsync(await InsertAsync(transaction));

    private async Task<IReadOnlyList<Transaction>> InsertAsync(Transaction transaction) =>
        await _h.Store.Transactions.InsertNewAsync([transaction]);

    private static Transaction Purchase(decimal amount, DateTimeOffset at) => new()
    {
        Id = $"i-{Interlocked.Increment(ref _sequence)}",
        CustomerId = "c1",
        Timestamp = at,
        Amount = amount,
        Type = TransactionType.Purchase,
        MerchantCategory = "5411",
        ReceivedAt = PipelineHarness.Start,
    };
}
