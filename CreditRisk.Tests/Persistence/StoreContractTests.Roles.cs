using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Roles_TryCreateAsync_NewRole_IsFoundByIdAndNormalizedName()
    {
        Begin();
        var role = A.Role("r1", "Analyst");

        Assert.True(await Store.Roles.TryCreateAsync(role));

        JsonAssert.Equivalent(role, await Store.Roles.FindByIdAsync("r1"));
        JsonAssert.Equivalent(role, await Store.Roles.FindByNormalizedNameAsync("ANALYST"));
    }

    [SkippableFact]
    public async Task Roles_TryCreateAsync_NameOrIdTaken_ReturnsFalse()
    {
        Begin();
        await Store.Roles.TryCreateAsync(A.Role("r1", "Analyst"));

        Assert.False(await Store.Roles.TryCreateAsync(A.Role("r2", "analyst")));
        Assert.False(await Store.Roles.TryCreateAsync(A.Role("r1", "Admin")));

        Assert.Single(await Store.Roles.ListAsync());
    }

    [SkippableFact]
    public async Task Roles_TryCreateAsync_ConcurrentCreatesForOneName_CreateOneRole()
    {
        Begin(StoreCapability.ConcurrentWriters);

        var results = await RaceAsync(20, i => Store.Roles.TryCreateAsync(A.Role($"r{i}", "Analyst")));

        Assert.Single(results, created => created);
        Assert.Single(await Store.Roles.ListAsync());
    }

    [SkippableFact]
    public async Task Roles_UpdateAsync_ExistingRole_ReplacesIt()
    {
        Begin();
        await Store.Roles.TryCreateAsync(A.Role("r1", "Analyst"));
        var renamed = A.Role("r1", "Risk Analyst") with { ConcurrencyStamp = "new" };

        await Store.Roles.UpdateAsync(renamed);

        JsonAssert.Equivalent(renamed, await Store.Roles.FindByIdAsync("r1"));
        Assert.Null(await Store.Roles.FindByNormalizedNameAsync("ANALYST"));
    }

    [SkippableFact]
    public async Task Roles_DeleteAsync_ExistingRole_RemovesIt()
    {
        Begin();
        await Store.Roles.TryCreateAsync(A.Role("r1", "Analyst"));
        await Store.Roles.TryCreateAsync(A.Role("r2", "Admin"));

        await Store.Roles.DeleteAsync("r1");

        Assert.Null(await Store.Roles.FindByIdAsync("r1"));
        Assert.Equal(["r2"], (await Store.Roles.ListAsync()).Select(r => r.Id));
    }

    [SkippableFact]
    public async Task Roles_ListAsync_SeveralRoles_ReturnsAll()
    {
        Begin();
        await Store.Roles.TryCreateAsync(A.Role("r1", "Analyst"));
        await Store.Roles.TryCreateAsync(A.Role("r2", "Admin"));
        await Store.Roles.TryCreateAsync(A.Role("r3", "Customer"));

        var roles = await Store.Roles.ListAsync();

        Assert.Equal(["r1", "r2", "r3"], roles.Select(r => r.Id).Order(StringComparer.Ordinal));
    }
}
