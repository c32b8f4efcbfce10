using CreditRisk.Core.Persistence;
using Microsoft.AspNetCore.Identity;

namespace CreditRisk.Core.Identity;

/// <summary>ASP.NET Core Identity's role store over <see cref="IRoleRepository"/>.</summary>
public sealed class AppRoleStore(IRoleRepository roles, IdentityErrorDescriber? describer = null) : IRoleStore<AppRole>
{
    private readonly IdentityErrorDescriber _errors = describer ?? new IdentityErrorDescriber();
    private readonly WorkingCopies<AppRole> _copies = new();

    public async Task<IdentityResult> CreateAsync(AppRole role, CancellationToken cancellationToken)
    {
        var current = _copies.Current(role);
        return await roles.TryCreateAsync(current, cancellationToken)
            ? IdentityResult.Success
            : IdentityResult.Failed(_errors.DuplicateRoleName(current.Name));
    }

    public async Task<IdentityResult> UpdateAsync(AppRole role, CancellationToken cancellationToken)
    {
        var saved = _copies.Current(role) with { ConcurrencyStamp = Guid.NewGuid().ToString("N") };
        await roles.UpdateAsync(saved, cancellationToken);
        _copies.Set(role, saved);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(AppRole role, CancellationToken cancellationToken)
    {
        await roles.DeleteAsync(role.Id, cancellationToken);
        return IdentityResult.Success;
    }

    public Task<string> GetRoleIdAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult(_copies.Current(role).Id);

    public Task<string?> GetRoleNameAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult<string?>(_copies.Current(role).Name);

    public Task SetRoleNameAsync(AppRole role, string? roleName, CancellationToken cancellationToken)
    {
        _copies.Change(role, r => r with { Name = roleName ?? "" });
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedRoleNameAsync(AppRole role, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(_copies.Current(role).NormalizedName);

    public Task SetNormalizedRoleNameAsync(AppRole role, string? normalizedName, CancellationToken cancellationToken)
    {
        _copies.Change(role, r => r with { NormalizedName = normalizedName ?? "" });
        return Task.CompletedTask;
    }

    public Task<AppRole?> FindByIdAsync(string roleId, CancellationToken cancellationToken) => roles.FindByIdAsync(roleId, cancellationToken);

    public Task<AppRole?> FindByNameAsync(string normalizedRoleName, CancellationToken cancellationToken) =>
        roles.FindByNormalizedNameAsync(normalizedRoleName, cancellationToken);

    public void Dispose()
    {
    }
}
