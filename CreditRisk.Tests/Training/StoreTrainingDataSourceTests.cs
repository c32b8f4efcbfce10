using CreditRisk.Core.Simulation;
using CreditRisk.Core.Training;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Training;

public sealed class StoreTrainingDataSourceTests : IAsyncLifetime
{
    private TemporaryStore _store = default!;
    private List<SimulatedCustomer> _simulated = default!;

    public async Task InitializeAsync()
    {
        _store = await TemporaryStore.CreateAsync();
        _simulated = await SimulatedStore.SeedAsync(_store.Store, customers: 60);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private StoreTrainingDataSource Source(Action<StoreTrainingOptions>? configure = null)
    {
        var options = new StoreTrainingOptions { MinimumRows = 10, MinimumPositives = 1 };
        configure?.Invoke(options);
        return new StoreTrainingDataSource(_store.Store, Options.Create(options), new FakeTimeProvider(SimulatedStore.Now));
    }

    private static List<LabeledRow> Ordered(IEnumerable<LabeledRow> rows) =>
        [.. rows.OrderBy(r => r.CustomerId, StringComparer.Ordinal).ThenBy(r => r.AsOf)];

    [Fact]
    public async Task BuildAsync_SimulatedStore_EqualsTheSimulatorsLabelsAndFeatures()
    {
        var expected = Ordered(PointInTimeFeatures.Build(SimulatedTrainingData.ToHistory(_simulated, "simulation")));

        var built = await Source().BuildAsync();

        var actual = Ordered(built.Rows);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Contains(actual, r => r.Label);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].CustomerId, expected[i].AsOf, expected[i].Label), (actual[i].CustomerId, actual[i].AsOf, actual[i].Label));
            Assert.Equal(expected[i].Features, actual[i].Features);
        }

        Assert.True(built.HasTransactions && built.HasStatements);
        Assert.Equal("90", built.Details["outcome_window_days"]);
    }

    [Fact]
    public async Task BuildAsync_DataOnOrAfterAsOf_NeverChangesThatRowsFeatures()
    {
        var before = Ordered((await Source().BuildAsync()).Rows);

        // A large cash withdrawal at 00:00 on each customer's first observation date: after that row's cut-off, before the next.
        var firstAsOf = before.GroupBy(r => r.CustomerId).ToDictionary(g => g.Key, g => g.Min(r => r.AsOf));
        await _store.Store.Transactions.InsertNewAsync(
            [.. firstAsOf.Select(c => TestData.Tx(c.Value, 9_000m, TransactionType.CashWithdrawal, "6011", customerId: c.Key, id: "noise-" + c.Key, hour: 0))]);
        var after = Ordered((await Source().BuildAsync()).Rows);

        Assert.Equal(before.Count, after.Count);
        var changedLater = 0;
        for (var i = 0; i < before.Count; i++)
        {
            if (before[i].AsOf <= firstAsOf[before[i].CustomerId])
            {
                Assert.Equal(before[i].Features, after[i].Features);
            }
            else if (!before[i].Features.SequenceEqual(after[i].Features))
            {
                changedLater++;
            }
        }

        Assert.True(changedLater > 0, "the withdrawal should show in the rows after it");
    }

    [Fact]
    public async Task BuildAsync_SmallPages_ReadsTheSameRowsAsOnePage()
    {
        var one = Ordered((await Source(o => o.PageSize = 1_000).BuildAsync()).Rows);

        var paged = Ordered((await Source(o => o.PageSize = 7).BuildAsync()).Rows);

        Assert.Equal(one.Select(r => (r.CustomerId, r.AsOf, r.Label)), paged.Select(r => (r.CustomerId, r.AsOf, r.Label)));
    }

    [Fact]
    public async Task BuildAsync_TooFewBadOutcomes_ThrowsTrainingDataExceptionSayingHowMany()
    {
        var source = Source(o => o.MinimumPositives = 100_000);

        var ex = await Assert.ThrowsAsync<TrainingDataException>(() => source.BuildAsync());

        Assert.Contains("bad outcomes", ex.Message);
        Assert.Contains("100,000", ex.Message);
    }

    [Fact]
    public async Task BuildAsync_EmptyStore_ThrowsTrainingDataException()
    {
        await using var empty = await TemporaryStore.CreateAsync();
        var source = new StoreTrainingDataSource(empty.Store, Options.Create(new StoreTrainingOptions()), new FakeTimeProvider(SimulatedStore.Now));

        var ex = await Assert.ThrowsAsync<TrainingDataException>(() => source.BuildAsync());

        Assert.Contains("0 labelled rows", ex.Message);
    }
}
