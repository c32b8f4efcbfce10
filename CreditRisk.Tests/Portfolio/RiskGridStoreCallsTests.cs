using CreditRisk.Core.Persistence;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Portfolio;

/// <summary>
/// A grid page costs a fixed number of store calls, whatever the number of rows: each row used to read its latest
/// alert, latest assessment and statements on its own (three calls a row, 77 for a page of 25).
/// </summary>
public sealed class RiskGridStoreCallsTests : IAsyncLifetime
{
    private const int Customers = 40;

    private readonly StoreCallCounter _calls = new();
    private TemporaryStore _temp = null!;

    public async Task InitializeAsync()
    {
        // The store decorated so that its customer, statement, assessment and alert repositories count their calls:
        // the narrow registrations are read from it, so whatever the grid takes (store or repositories) is counted.
        _temp = await TemporaryStore.CreateAsync(services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(ICreditRiskStore));
            services.Remove(original);
            services.AddSingleton<ICreditRiskStore>(sp => new CountingStore((ICreditRiskStore)original.ImplementationFactory!(sp), _calls));
        });
        var ids = Enumerable.Range(0, Customers).Select(i => $"c-{i:00}").ToList();
        await _temp.Store.Customers.UpsertManyAsync([.. ids.Select((id, i) => A.Customer(id, $"+1555010{i:0000}"))]);
        await _temp.Store.Assessments.AddManyAsync([.. ids.Select((id, i) => A.Assessment($"ra-{id}", id, band: RiskBand.High, probability: 0.5 + (i / 100.0)))]);
        await _temp.Store.Statements.UpsertManyAsync(
            [.. ids.SelectMany(id => new[] { A.Statement(id, new DateOnly(2026, 1, 15)), A.Statement(id, new DateOnly(2026, 2, 15)) })]);
        foreach (var id in ids.Where((_, i) => i % 2 == 0))
        {
            await _temp.Store.Alerts.TryAddAsync(A.Alert($"al-{id}", id));
        }
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task GetPageAsync_PageOf25_BoundedStoreCallsIndependentOfTheRowCount()
    {
        var grid = _temp.Services.GetRequiredService<RiskGridService>();

        var ten = await CallsForPageAsync(grid, 10);
        var twentyFive = await CallsForPageAsync(grid, 25);

        Assert.True(twentyFive.Count <= 6, $"a page of 25 made {twentyFive.Count} store calls: {string.Join(", ", twentyFive)}");
        Assert.Equal(ten, twentyFive);
    }

    [Fact]
    public async Task GetPageAsync_BatchedReads_FillEveryRowFromItsOwnCustomer()
    {
        var grid = _temp.Services.GetRequiredService<RiskGridService>();

        var page = await grid.GetPageAsync(new CurrentRiskQuery { Take = 25 });

        Assert.Equal(25, page.Rows.Count);
        Assert.All(page.Rows, row =>
        {
            var index = int.Parse(row.CustomerId[2..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(93.5, row.UtilisationPct);
            Assert.Equal(index % 2 == 0 ? Core.Alerts.AlertStatus.Pending : null, row.LastAlertStatus);
            Assert.NotNull(row.PastDue);
        });
    }

    [Fact]
    public async Task GetPageAsync_SearchWithAlertFilter_TheFilteredCustomersInBoundedStoreCalls()
    {
        var grid = _temp.Services.GetRequiredService<RiskGridService>();
        var query = new CurrentRiskQuery { Take = 25, AlertStatus = Core.Alerts.AlertStatus.Pending };
        var unsearched = await grid.GetPageAsync(query);

        _calls.Reset();
        var searched = await grid.GetPageAsync(query, "asha");

        // Every customer is called Asha: the search keeps exactly the filter's customers, read in one alert call.
        Assert.Equal(Customers / 2, searched.Total);
        Assert.Equal(unsearched.Rows.Select(r => r.CustomerId).Order(), searched.Rows.Select(r => r.CustomerId).Order());
        Assert.True(_calls.Count <= 7, $"a searched page of 20 made {_calls.Count} store calls: {string.Join(", ", _calls.Calls)}");
    }

    private sealed class CountingStore(ICreditRiskStore inner, StoreCallCounter calls) : DelegatingStore(inner), IAsyncDisposable
    {
        private readonly ICustomerRepository _customers = CountingProxy<ICustomerRepository>.Wrap(inner.Customers, calls);
        private readonly IStatementRepository _statements = CountingProxy<IStatementRepository>.Wrap(inner.Statements, calls);
        private readonly IRiskAssessmentRepository _assessments = CountingProxy<IRiskAssessmentRepository>.Wrap(inner.Assessments, calls);
        private readonly IAlertRepository _alerts = CountingProxy<IAlertRepository>.Wrap(inner.Alerts, calls);

        public override ICustomerRepository Customers => _customers;

        public override IStatementRepository Statements => _statements;

        public override IRiskAssessmentRepository Assessments => _assessments;

        public override IAlertRepository Alerts => _alerts;

        // This one owns the real store (the service provider disposes it), unlike DelegatingStore's wrappers.
        ValueTask IAsyncDisposable.DisposeAsync() => Inner.DisposeAsync();
    }

    private async Task<IReadOnlyList<string>> CallsForPageAsync(RiskGridService grid, int take)
    {
        _calls.Reset();
        var page = await grid.GetPageAsync(new CurrentRiskQuery { Take = take });
        Assert.Equal(take, page.Rows.Count);
        return _calls.Calls;
    }
}
