using System.Globalization;
using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Shared;
using CreditRisk.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Components.Pages.Admin.Rules;

/// <summary>
/// "Backtest proposed change" on the Rules page: sends the page's unsaved rule settings (and optional model cut-offs)
/// to <see cref="RulesWhatIfAdminService"/>, then follows the job's state, polling while it is queued or running.
/// </summary>
public sealed partial class RulesWhatIfPanel
{
    private const string MediumField = "cutoffs.mediumFrom";
    private const string HighField = "cutoffs.highFrom";

    private RulesWhatIfState? _state;
    private Dictionary<string, string[]> _errors = [];
    private double? _mediumFrom;
    private double? _highFrom;
    private string? _message;
    private bool _failed;
    private bool _isAdmin;
    private bool _busy;
    private ActiveJobPoller? _poller;

    [Inject]
    private RulesWhatIfAdminService WhatIf { get; set; } = default!;

    [Inject]
    private IOptions<RulesWhatIfOptions> Options { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<RulesWhatIfPanel> Logger { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The rule settings as the page's form holds them now, unsaved; read when the backtest is asked for.</summary>
    [Parameter, EditorRequired]
    public Func<RuleSettings?> ProposedRules { get; set; } = default!;

    /// <summary>Seconds between status checks while a backtest is queued or running. Default 2.</summary>
    [Parameter]
    public int PollSeconds { get; set; } = 2;

    private bool Active => _state?.IsActive == true;

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = (await AuthenticationState).User.IsInRole(AppRoles.Admin);
        _state = await WhatIf.GetLastAsync();
        _poller = new ActiveJobPoller(TimeSpan.FromSeconds(PollSeconds), Time, () => Active, RefreshAsync, Logger);
    }

    private async Task StartAsync()
    {
        var rules = ProposedRules();
        if (rules is null)
        {
            (_failed, _message) = (true, "The rules are still loading; try again in a moment.");
            return;
        }

        // The page shows probabilities in percent, so the cut-offs are typed and checked that way; the proposal holds 0–1.
        var proposal = new RiskProposal(rules, _mediumFrom is { } medium && _highFrom is { } high ? new BandCutoffs(medium / 100, high / 100) : null);
        var errors = CutoffErrors(_mediumFrom, _highFrom);
        foreach (var (field, messages) in proposal.Validate())
        {
            errors.TryAdd(field, messages);
        }

        _errors = errors;

        if (_errors.Count > 0)
        {
            var ruleErrors = _errors.Where(e => e.Key.StartsWith("rules", StringComparison.Ordinal)).Select(e => string.Join(" ", e.Value)).ToList();
            (_failed, _message) = (true, "Some proposed values are out of range; nothing was started." + (ruleErrors.Count == 0 ? string.Empty : " " + string.Join(" ", ruleErrors)));
            return;
        }

        _busy = true;
        try
        {
            // The service re-checks the role, the values and that none is running: the button's state is no permission.
            var result = await WhatIf.RequestAsync((await AuthenticationState).User, proposal);
            (_failed, _message) = (!result.Succeeded, result.Message);
            _state = await WhatIf.GetLastAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CancelAsync()
    {
        _busy = true;
        try
        {
            var result = await WhatIf.CancelAsync((await AuthenticationState).User);
            (_failed, _message) = (!result.Succeeded, result.Message);
            _state = await WhatIf.GetLastAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        var next = await WhatIf.GetLastAsync(ct);
        await InvokeAsync(() =>
        {
            _state = next;
            if (next?.IsActive != true)
            {
                _message = null; // "queued" or "cancelling" no longer holds; the status says how it ended
            }

            StateHasChanged();
        });
    }

    /// <summary>Field-named errors for the optional cut-offs, typed in percent: both or neither, 0–100, High above Medium.</summary>
    private static Dictionary<string, string[]> CutoffErrors(double? mediumFrom, double? highFrom)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (mediumFrom is null != highFrom is null)
        {
            errors[mediumFrom is null ? MediumField : HighField] = ["Give both cut-offs, or neither to keep those in force."];
            return errors;
        }

        if (mediumFrom is < 0 or > 100)
        {
            errors[MediumField] = ["Must be between 0% and 100%."];
        }

        if (highFrom is < 0 or > 100)
        {
            errors[HighField] = ["Must be between 0% and 100%."];
        }
        else if (highFrom <= mediumFrom && !errors.ContainsKey(MediumField))
        {
            errors[HighField] = ["Must be above the Medium cut-off."];
        }

        return errors;
    }

    private bool HasError(string field) => _errors.ContainsKey(field);

    // An edited field's message goes (the field clears its own error state when edited); dropping it here too means the
    // next start or save with the field still wrong sets the flag afresh, so the message shows again instead of only
    // the summary.
    private void Edited(string field) => _errors.Remove(field);

    private string? ErrorOf(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private static string When(DateTimeOffset? at) => at?.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    private static string SampleText(RulesWhatIfResult result)
    {
        var sample = result.Sample;
        var chosen = sample.Sampled < sample.PortfolioCustomers
            ? string.Create(CultureInfo.InvariantCulture, $"a fixed sample of {sample.Sampled:N0} of the {sample.PortfolioCustomers:N0} stored customers")
            : string.Create(CultureInfo.InvariantCulture, $"all {sample.PortfolioCustomers:N0} stored customers");
        var leftOut = sample.AlreadyDelinquent + sample.WithoutData == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $" Left out: {sample.AlreadyDelinquent:N0} already 30+ days past due before the period, {sample.WithoutData:N0} without activity in it.");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Customers:N0} customers replayed ({chosen}; {result.DelinquentCustomers:N0} reached 30+ days past due), "
            + $"{result.Period.From:d MMM yyyy} to {result.Period.To:d MMM yyyy} in {result.Period.StepDays}-day steps, "
            + $"model {result.ModelVersion ?? "none (rules alone)"}, rules in force: {(result.RulesVersion == 0 ? "configured defaults" : $"version {result.RulesVersion}")}; "
            + $"took {result.DurationSeconds:0.#} s.{leftOut}")
            + " \"Now\" is the settings in force replayed the same way, so it can differ a little from the Portfolio page, "
            + "whose bands were set as each transaction and statement arrived.";
    }

    public ValueTask DisposeAsync() => _poller?.DisposeAsync() ?? ValueTask.CompletedTask;
}
