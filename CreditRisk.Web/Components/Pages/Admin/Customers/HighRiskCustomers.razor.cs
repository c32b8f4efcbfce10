using CreditRisk.Core.Portfolio;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CreditRisk.Web.Components.Pages.Admin.Customers;

/// <summary>
/// The high-risk grid: server-paged current risks with filters, search and CSV export, re-read live as assessments
/// and alert statuses arrive.
/// </summary>
public partial class HighRiskCustomers
{
    /// <summary>Columns hidden below 600 px (MudBlazor's display classes), where their facts move into the kept cells.</summary>
    private const string WideOnly = "d-none d-sm-table-cell";

    [Inject]
    private RiskGridService Grid { get; set; } = default!;

    private MudDataGrid<RiskGridRow>? _grid;
    private RiskGridFilter _filter = new();
    private string? _sortBy;
    private bool _sortDescending = true;
    private bool _searchCapped;

    private async Task<GridData<RiskGridRow>> LoadAsync(GridState<RiskGridRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var (sortBy, descending) = (sort?.SortBy, sort?.Descending ?? true);
        var query = _filter.ToQuery(sortBy, descending, state.Page * state.PageSize, state.PageSize);
        var page = await Grid.GetPageAsync(query, _filter.Search, ct);

        // The grid renders itself, not this page: the export link (it carries the order) and the capped-search warning
        // above it are redrawn only when told.
        if ((sortBy, descending, page.SearchCapped) != (_sortBy, _sortDescending, _searchCapped))
        {
            (_sortBy, _sortDescending, _searchCapped) = (sortBy, descending, page.SearchCapped);
            StateHasChanged();
        }

        return new GridData<RiskGridRow> { Items = page.Rows, TotalItems = (int)Math.Min(int.MaxValue, page.Total) };
    }

    // New assessments and alert statuses (sent, delivered, read, failed: webhook events) both re-read the page.
    protected override Task RefreshAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private async Task OnFilterChanged(RiskGridFilter filter)
    {
        _filter = filter;
        if (_grid is not null)
        {
            // A new filter starts at its first page: page 5 of High is not page 5 of Medium.
            if (_grid.CurrentPage != 0)
            {
                _grid.NavigateTo(Page.First);
            }

            await _grid.ReloadServerData();
        }
    }

    private Task OnAlertSent() => RefreshAsync();
}
