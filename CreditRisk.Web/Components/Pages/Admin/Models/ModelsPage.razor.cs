using System.Globalization;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CreditRisk.Web.Components.Pages.Admin.Models;

public partial class ModelsPage
{
    private IReadOnlyList<ModelVersion>? _versions;
    private ChampionInService? _inService;
    private ModelVersion? _selected;
    private string? _confirming;
    private string? _message;
    private bool _failed;
    private bool _isAdmin;
    private bool _busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = (await AuthenticationState).User.IsInRole(AppRoles.Admin);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _versions = await Models.ListAsync();
        _inService = await Models.InServiceAsync(_versions);
        _selected = _versions.FirstOrDefault(v => v.IsChampion) ?? _versions.FirstOrDefault();
    }

    /// <summary>Why the table's figures are no contest between versions: each is on the version's own hold-out.</summary>
    private const string OwnHoldout =
        "Each version's ensemble on its own hold-out, so these figures are not comparable between versions; " +
        "a version's figures beside the champion's on the same hold-out rows are under its metrics.";

    private static string Metric(ModelVersion v, string name) =>
        v.Metrics.GetValueOrDefault("ensemble")?.GetValueOrDefault(name) is { } value ? value.ToString("0.000", CultureInfo.InvariantCulture) : "—";

    private async Task PromoteAsync(string id)
    {
        _busy = true;
        try
        {
            // The service re-checks the role: the button's state is no permission.
            var result = await Models.PromoteAsync((await AuthenticationState).User, id);
            (_failed, _message) = (!result.Succeeded, result.Message);
            _confirming = null;
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private object TrendSeries
    {
        get
        {
            var ordered = _versions!.Reverse().ToList();
            return new[]
            {
                new { name = "AUC", data = ordered.Select(v => Value(v, "auc")).ToArray() },
                new { name = "KS", data = ordered.Select(v => Value(v, "ks")).ToArray() },
            };
        }
    }

    private object TrendOptions => new
    {
        chart = new { type = "line", toolbar = new { show = false } },
        xaxis = new { categories = _versions!.Reverse().Select(v => v.Id).ToArray() },
        yaxis = new { min = 0, max = 1, decimalsInFloat = 2 },
        markers = new { size = 4 },
    };

    private static double? Value(ModelVersion v, string name) =>
        v.Metrics.GetValueOrDefault("ensemble")?.GetValueOrDefault(name) is { } value ? Math.Round(value, 4) : null;
}
