using System.Globalization;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Cutoffs;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Components.Shared;

namespace CreditRisk.Web.Components.Pages.Admin.Models;

/// <summary>The Models page's wording of band cut-offs and where they come from, in one place.</summary>
public static class CutoffText
{
    /// <summary>"Medium from 11.9%, High from 29.1%".</summary>
    public static string Pair(BandCutoffs cutoffs) =>
        $"Medium from {DisplayFormat.Cutoff(cutoffs.MediumFrom)}, High from {DisplayFormat.Cutoff(cutoffs.HighFrom)}";

    /// <summary>What a version's stored cut-offs rest on; versions trained before cut-offs were stored say so.</summary>
    public static string Basis(ChosenCutoffs? stored) => stored switch
    {
        null => "none stored (trained before cut-offs were chosen): the legacy defaults apply",
        { Basis: CutoffBasis.Budget } => $"chosen on the hold-out from a budget of {Budget(stored)}",
        _ => $"legacy defaults: the hold-out could not carry a budget of {Budget(stored)}",
    };

    /// <summary>"25 High alerts per 1,000 customers a month and a 10% watch list".</summary>
    public static string Budget(ChosenCutoffs stored) =>
        string.Create(CultureInfo.InvariantCulture, $"{stored.HighAlertsPer1000PerMonth:0.##} High alerts per 1,000 customers a month and a {DisplayFormat.Percent(stored.WatchListShare, 1)} watch list");

    /// <summary>Where the cut-offs in force come from, naming the model in service (the champion unless it was refused).</summary>
    public static string Origin(ChampionInService inService)
    {
        ArgumentNullException.ThrowIfNull(inService);
        var model = inService.ChampionRefused ? "model in service" : "champion";
        return inService.Cutoffs.Origin switch
        {
            CutoffOrigin.Pinned => "pinned by configuration (Banding:MediumFrom and Banding:HighFrom), whatever the champion",
            CutoffOrigin.Model when inService.Serving?.Cutoffs is { } stored => $"the {model} {inService.ServingId}'s own, {Basis(stored)}",
            CutoffOrigin.Model => $"the {model} {inService.ServingId}'s own",
            _ when inService.ServingId is null => inService.ChampionRefused
                ? "legacy defaults: no model is in service"
                : "legacy defaults: no champion model is registered",
            _ => $"legacy defaults: the {model} {inService.ServingId} was trained before cut-offs were stored",
        };
    }

    /// <summary>A version's own cut-offs for the table: the pair, or the legacy pair marked as such when none are stored.</summary>
    public static string Short(ChosenCutoffs? stored) => stored is null
        ? $"{Pair(BudgetCutoffChooser.Legacy)} (legacy)"
        : stored.Basis == CutoffBasis.Budget ? Pair(stored.ToBandCutoffs()) : $"{Pair(stored.ToBandCutoffs())} (legacy)";
}
