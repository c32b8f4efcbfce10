using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Messaging;
using CreditRisk.Core.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CreditRisk.Web.Components.Pages.Admin;

/// <summary>
/// The development outbox: alerts waiting for their time (quiet hours in the customer's zone, the daily cap, a retry)
/// and the messages "sent" while no access token is configured. Live: every alert change re-reads both, so a send
/// from the grid shows here at once, scheduled or sent.
/// </summary>
public partial class Outbox
{
    /// <summary>Scheduled alerts listed at most (oldest first).</summary>
    public const int ScheduledShown = 50;

    private MudTable<DevelopmentMessage>? _table;
    private IReadOnlyList<ScheduledItem> _scheduled = [];

    [Inject]
    private IDevelopmentOutbox Messages { get; set; } = default!;

    [Inject]
    private IAlertRepository Alerts { get; set; } = default!;

    [Inject]
    private ICustomerRepository Customers { get; set; } = default!;

    [Inject]
    private IOptions<AlertDeliveryOptions> AlertOptions { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadScheduledAsync();

    protected override async Task RefreshAsync()
    {
        await LoadScheduledAsync();
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task<TableData<DevelopmentMessage>> LoadAsync(TableState state, CancellationToken ct)
    {
        var total = await Messages.CountAsync(ct);
        var items = await Messages.ListAsync(state.Page * state.PageSize, state.PageSize, ct);
        return new TableData<DevelopmentMessage> { Items = items, TotalItems = (int)Math.Min(total, int.MaxValue) };
    }

    private async Task LoadScheduledAsync()
    {
        var now = Time.GetUtcNow();
        var pending = await Alerts.ListByStatusAsync(AlertStatus.Pending, now.AddMinutes(1), ScheduledShown);
        var waiting = pending.Where(a => a.NotBefore is { } due && due > now).ToList();
        var customers = await Customers.GetManyAsync([.. waiting.Select(a => a.CustomerId).Distinct(StringComparer.Ordinal)]);
        _scheduled = [.. waiting
            .Select(a => new ScheduledItem(a, a.NotBefore!.Value, customers.GetValueOrDefault(a.CustomerId), WhyLater(a, customers.GetValueOrDefault(a.CustomerId), now)))
            .OrderBy(s => s.SendsAt)];
    }

    // The alert keeps no "why" for a deferral; the customer's quiet hours right now are the usual one.
    private string WhyLater(Alert alert, Customer? customer, DateTimeOffset now)
    {
        if (alert.FailureReason is { } retry)
        {
            return $"Retry after: {retry}";
        }

        var quiet = QuietHours.For(customer, AlertOptions.Value);
        return quiet.IsQuiet(now) ? quiet.Describe() : "Daily cap reached";
    }

    private sealed record ScheduledItem(Alert Alert, DateTimeOffset SendsAt, Customer? Customer, string Why)
    {
        public string CustomerName => Customer?.FullName ?? Alert.CustomerId;

        public TimeZoneInfo? Zone => Customer?.TimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }
}
