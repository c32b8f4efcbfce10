using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Web.Admin;

/// <summary>
/// The behavioural model scoring now, with the cut-offs in force, beside the registry's champion. They differ when
/// the champion could not be loaded and the previous model stayed in service: the page must then say so, and show the
/// serving model's cut-offs, not the champion's.
/// </summary>
/// <param name="Cutoffs">The cut-offs banding uses now.</param>
/// <param name="Serving">The registry entry of the model in service; null with no model, or when it is no longer listed.</param>
/// <param name="ServingId">The id of the model in service; null when the expert rules alone decide bands.</param>
/// <param name="RegistryChampion">The registry's behavioural champion; null when none is promoted.</param>
public sealed record ChampionInService(EffectiveCutoffs Cutoffs, ModelVersion? Serving, string? ServingId, ModelVersion? RegistryChampion)
{
    /// <summary>True when the registry names a champion that is not the model in service.</summary>
    public bool ChampionRefused => RegistryChampion is not null && RegistryChampion.Id != ServingId;

    /// <summary>
    /// Whether <paramref name="version"/>'s own cut-offs band customers now: the serving behavioural model's, or the
    /// snapshot champion's (snapshot customers); no version's when configuration pins them.
    /// </summary>
    public bool CutoffsInForceOf(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Cutoffs.Origin != CutoffOrigin.Pinned
            && (ModelFamilies.Of(version.FeatureNames) == ModelFamily.Behaviour ? version.Id == ServingId : version.IsChampion);
    }
}
