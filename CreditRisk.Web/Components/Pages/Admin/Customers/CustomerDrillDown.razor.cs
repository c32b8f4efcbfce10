using CreditRisk.Core.Alerts;
using CreditRisk.Core.Risk;
using CreditRisk.Web.Customers;
using Microsoft.AspNetCore.Components;

namespace CreditRisk.Web.Components.Pages.Admin.Customers;

/// <summary>
/// One customer for an analyst. Live: a transaction or statement scored for this customer, or a change of one of
/// their alerts, re-reads the page (score history, reasons, transactions, alert timeline) within a second.
/// </summary>
public partial class CustomerDrillDown
{
    private CustomerDetails? _details;
    private CustomerTransactionsGrid? _transactions;
    private bool _loading = true;

    [Inject]
    private CustomerDetailsService Details { get; set; } = default!;

    [Parameter]
    public string CustomerId { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _details = await Details.GetAsync(CustomerId);
        _loading = false;
    }

    protected override bool Concerns(RiskAssessed riskAssessed) => riskAssessed.Assessment.CustomerId == CustomerId;

    protected override bool Concerns(AlertChanged alertChanged) => alertChanged.Alert.CustomerId == CustomerId;

    protected override async Task RefreshAsync()
    {
        _details = await Details.GetAsync(CustomerId);
        if (_transactions is not null)
        {
            await _transactions.ReloadAsync();
        }
    }
}
