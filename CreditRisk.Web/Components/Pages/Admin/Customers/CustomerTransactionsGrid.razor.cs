using CreditRisk.Core.Transactions;
using CreditRisk.Web.Customers;
using CreditRisk.Web.Display;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CreditRisk.Web.Components.Pages.Admin.Customers;

/// <summary>A customer's transactions, newest first, a page at a time, filtered by type and UTC day.</summary>
public partial class CustomerTransactionsGrid
{
    [Inject]
    private CustomerDetailsService Details { get; set; } = default!;

    [Inject]
    private MoneyFormat Money { get; set; } = default!;

    /// <summary>Transactions per page at first: the latest ones, short enough for a phone.</summary>
    public const int PageSize = 10;

    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>
    /// The calendar may be wider than its 10rem field: at the pickers' default (no wider than the field) it lost
    /// Thursday to Saturday and the next-month arrow.
    /// </summary>
    private const DropdownWidth CalendarWidth = DropdownWidth.Adaptive;

    /// <summary>Columns hidden below 600 px (MudBlazor's display classes).</summary>
    private const string WideOnly = "d-none d-sm-table-cell";

    private MudDataGrid<Transaction>? _grid;
    private TransactionType? _type;
    private DateTime? _from;
    private DateTime? _to;

    [Parameter, EditorRequired]
    public string CustomerId { get; set; } = "";

    private async Task<GridData<Transaction>> LoadAsync(GridState<Transaction> state, CancellationToken ct)
    {
        var filter = new TransactionFilter
        {
            Type = _type,
            From = _from is { } from ? new DateTimeOffset(from.Date, TimeSpan.Zero) : null,
            To = _to is { } to ? new DateTimeOffset(to.Date.AddDays(1), TimeSpan.Zero) : null,
        };
        var page = await Details.GetTransactionsAsync(CustomerId, filter, state.Page, state.PageSize, ct);
        return new GridData<Transaction> { Items = page.Items, TotalItems = (int)Math.Min(page.Total, int.MaxValue) };
    }

    private Task TypeChangedAsync(TransactionType? type)
    {
        _type = type;
        return ReloadAsync();
    }

    private Task FromChangedAsync(DateTime? from)
    {
        _from = from;
        return ReloadAsync();
    }

    private Task ToChangedAsync(DateTime? to)
    {
        _to = to;
        return ReloadAsync();
    }

    /// <summary>Re-reads the current page (the drill-down calls it when new transactions were scored).</summary>
    public Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;
}
