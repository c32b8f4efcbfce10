using System.Security.Claims;
using CreditRisk.Core.Audit;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Web.Authorization;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Admin;

/// <summary>The model registry for the Models page: list for staff, promote for admins only (checked here, not just hidden).</summary>
public sealed class ModelAdminService(
    IModelRegistry registry,
    IAuditLog audit,
    ModelPromotionService promotion,
    IChampionModelProvider champions,
    IOptions<BandingOptions> banding,
    TimeProvider time) : IDisposable
{
    /// <summary>Audit action of a promotion from the console.</summary>
    public const string PromotedAction = "models.promoted";

    // One promotion at a time in this process: each reads the champion it replaces before promoting, and two
    // admins promoting at once would otherwise both record the same predecessor and lose one from the log.
    private readonly SemaphoreSlim _promoting = new(1, 1);

    /// <summary>Every version, newest first, without model bytes.</summary>
    public Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken ct = default) => registry.ListAsync(ct);

    /// <summary>
    /// The behavioural model scoring now and the band cut-offs in force with it (pinned by configuration, else its own,
    /// else the legacy defaults; <see cref="BandCutoffResolver"/>), beside the registry's champion among
    /// <paramref name="versions"/>. The provider is checked against the registry first, so the two differ only when it
    /// refused the champion (a package it cannot load) and kept the previous model in service.
    /// </summary>
    public async Task<ChampionInService> InServiceAsync(IReadOnlyList<ModelVersion> versions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        await champions.RefreshAsync(ct);
        var model = await champions.GetChampionAsync(ct);
        // The behavioural champion's: the snapshot champion bands snapshot customers with its own cut-offs.
        var registered = versions.FirstOrDefault(v => v.IsChampion && ModelFamilies.Of(v.FeatureNames) == ModelFamily.Behaviour);
        return new ChampionInService(
            BandCutoffResolver.Resolve(banding.Value, model), versions.FirstOrDefault(v => v.Id == model?.Version), model?.Version, registered);
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
        await _promoting.WaitAsync(ct);
        try
        {
            var versions = await registry.ListAsync(ct);
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
            await audit.AddAsync(
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
        finally
        {
            _promoting.Release();
        }
    }

    public void Dispose() => _promoting.Dispose();
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
