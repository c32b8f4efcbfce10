using System.Security.Claims;
using CreditRisk.Core.Audit;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Web.Authorization;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Admin;

/// <summary>The model registry for the Models page: list for staff, promote for admins only (checked here, not just hidden).</summary>
public sealed class ModelAdminService(ICreditRiskStore store, ModelPromotionService promotion, IOptions<BandingOptions> banding, TimeProvider time)
{
    /// <summary>Audit action of a promotion from the console.</summary>
    public const string PromotedAction = "models.promoted";

    /// <summary>Every version, newest first, without model bytes.</summary>
    public Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken ct = default) => store.Models.ListAsync(ct);

    /// <summary>
    /// The band cut-offs in force with the registry's champion among <paramref name="versions"/>: pinned by
    /// configuration, else the champion's own, else the legacy defaults (<see cref="BandCutoffResolver"/>).
    /// </summary>
    public EffectiveCutoffs CutoffsInForce(IReadOnlyList<ModelVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        // The behavioural champion's: the snapshot champion bands snapshot customers with its own cut-offs.
        return BandCutoffResolver.Resolve(banding.Value, versions.FirstOrDefault(v => v.IsChampion && ModelFamilies.Of(v.FeatureNames) == ModelFamily.Behaviour));
    }

    /// <summary>Promotes <paramref name="versionId"/> when <paramref name="actor"/> is an admin; the outcome says why not otherwise.</summary>
    public async Task<AdminActionResult> PromoteAsync(ClaimsPrincipal actor, string versionId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(AppRoles.Admin))
        {
            return AdminActionResult.Fail("Only admins can promote a model.");
        }

        // The champion it replaces (of the same family: a snapshot model replaces the snapshot champion only), so the log
        // answers "what was in force before?".
        var versions = await store.Models.ListAsync(ct);
        var family = versions.FirstOrDefault(v => v.Id == versionId) is { } promoted ? ModelFamilies.Of(promoted.FeatureNames) : (ModelFamily?)null;
        var previous = versions.FirstOrDefault(v => v.IsChampion && ModelFamilies.Of(v.FeatureNames) == family);
        try
        {
            await promotion.PromoteAsync(versionId, ct);
        }
        catch (KeyNotFoundException ex)
        {
            return AdminActionResult.Fail(ex.Message);
        }
        catch (ModelIncompatibleException ex)
        {
            return AdminActionResult.Fail(ex.Message);
        }

        var now = time.GetUtcNow();
        await store.Audit.AddAsync(
            new AuditEntry
            {
                Id = AuditIds.Next(now),
                At = now,
                Actor = ActorName.Of(actor),
                Action = PromotedAction,
                Target = $"model:{versionId}",
                OldValue = previous?.Id ?? "none",
                NewValue = versionId,
                Details = $"{family} champion, replacing {previous?.Id ?? "no champion"}",
            },
            ct);
        return AdminActionResult.Ok($"Model {versionId} is now the champion.");
    }
}

/// <summary>Outcome of an admin action: succeeded, with a message to show either way.</summary>
public sealed record AdminActionResult(bool Succeeded, string Message)
{
    public static AdminActionResult Ok(string message) => new(true, message);

    public static AdminActionResult Fail(string message) => new(false, message);
}

/// <summary>The name audit entries record for a signed-in person.</summary>
public static class ActorName
{
    public static string Of(ClaimsPrincipal user) =>
        user.Identity?.Name is { Length: > 0 } name ? name : user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
}
