using CreditRisk.Core.Persistence;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Portfolio;

/// <summary>A grid row carries the reason in the customer's words, for the manual alert; the staff reasons stay staff's.</summary>
public sealed class RiskGridCustomerReasonTests : IAsyncLifetime
{
    private TemporaryStore _temp = null!;

    public async Task InitializeAsync() => _temp = await TemporaryStore.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task GetPageAsync_HighCustomer_RowCarriesTheCustomersOwnReason()
    {
        var assessment = A.Assessment("ra-1", "c-1", band: RiskBand.High);
        await _temp.Store.Customers.UpsertManyAsync([A.Customer("c-1")]);
        await _temp.Store.Assessments.AddManyAsync([assessment]);

        var row = Assert.Single((await _temp.Services.GetRequiredService<RiskGridService>().GetPageAsync(new CurrentRiskQuery { Take = 10 })).Rows);

        Assert.Equal(CustomerReasons.Of(assessment)[0], row.CustomerReason);
        Assert.DoesNotContain(row.CustomerReason!, assessment.Reasons);
        Assert.Equal(assessment.Reasons, row.Reasons);
    }

    [Fact]
    public async Task GetPageAsync_LowCustomer_NoCustomerReason()
    {
        await _temp.Store.Customers.UpsertManyAsync([A.Customer("c-1")]);
        await _temp.Store.Assessments.AddManyAsync([A.Assessment("ra-1", "c-1", band: RiskBand.Low)]);

        var row = Assert.Single((await _temp.Services.GetRequiredService<RiskGridService>().GetPageAsync(new CurrentRiskQuery { Take = 10 })).Rows);

        Assert.Null(row.CustomerReason);
    }
}
