using CreditRisk.Core.Rules;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CreditRisk.Web.Components.Pages.Admin.Rules;

/// <summary>Shows the expert-rule thresholds with how many customers each flags now; admins change and save them.</summary>
public partial class RuleSettingsPage
{
    private RuleSettingsSnapshot? _snapshot;
    private RuleThresholdForm? _form;
    private IReadOnlyDictionary<string, long>? _counts;
    private Dictionary<string, string[]> _errors = [];
    private int _formGeneration;
    private string? _message;
    private Severity _severity;
    private bool _isAdmin;
    private bool _busy;

    private static readonly string[] AllRules = [.. RuleIds.Titled.Select(r => r.Id)];

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = (await AuthenticationState).User.IsInRole(AppRoles.Admin);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _snapshot = await Rules.GetAsync();
        _form = RuleThresholdForm.From(_snapshot.Settings);
        _counts = await Store.Assessments.CountCurrentByRuleAsync(AllRules);
    }

    private long? Count(string ruleId) => _counts?.GetValueOrDefault(ruleId);

    // An edited field's message goes (the field clears its own error state when edited); dropping it here too means the
    // next start or save with the field still wrong sets the flag afresh, so the message shows again instead of only
    // the summary.
    private void Edited(string field) => _errors.Remove(field);

    private async Task ResetAsync()
    {
        _errors = [];
        _message = null;
        _formGeneration++;
        await LoadAsync();
    }

    private async Task SaveAsync()
    {
        // Checked again here: a hidden or disabled button is not a permission.
        var user = (await AuthenticationState).User;
        if (!user.IsInRole(AppRoles.Admin) || _form is null || _snapshot is null)
        {
            (_severity, _message) = (Severity.Error, "Only admins can change rule thresholds.");
            return;
        }

        var proposed = _form.ToSettings();
        _errors = new(proposed.Validate());
        if (_errors.Count > 0)
        {
            (_severity, _message) = (Severity.Error, "Some thresholds are out of range; nothing was saved.");
            return;
        }

        _busy = true;
        try
        {
            var result = await Rules.UpdateAsync(proposed, _snapshot.Version, ActorName.Of(user));
            _errors = new(result.Errors);
            (_severity, _message) = result.Status switch
            {
                RuleSettingsUpdateStatus.Saved => (Severity.Success, $"Saved as version {result.Current.Version}."),
                RuleSettingsUpdateStatus.Unchanged => (Severity.Info, "Nothing changed."),
                RuleSettingsUpdateStatus.Conflict => (Severity.Warning, "Someone else saved the rules meanwhile; their values are shown now. Re-apply your change."),
                _ => (Severity.Error, "Some thresholds are out of range; nothing was saved."),
            };
            if (result.Status is RuleSettingsUpdateStatus.Saved or RuleSettingsUpdateStatus.Conflict)
            {
                _snapshot = result.Current;
                _form = RuleThresholdForm.From(result.Current.Settings);
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
