using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task ApiKeys_AddAsync_Key_IsFoundByHashWithEveryField()
    {
        Begin();
        var key = A.ApiKey("k1") with { LastUsedAt = A.Now.AddMinutes(3), RevokedAt = A.Now.AddDays(1) };

        await Store.ApiKeys.AddAsync(key);

        JsonAssert.Equivalent(key, await Store.ApiKeys.FindByHashAsync(key.KeyHash));
        Assert.Null(await Store.ApiKeys.FindByHashAsync(A.ApiKey("k2").KeyHash));
    }

    [SkippableFact]
    public async Task ApiKeys_AddAsync_DuplicateHash_IsRejected()
    {
        Begin();
        await Store.ApiKeys.AddAsync(A.ApiKey("k1", keyHash: "abc"));

        await Assert.ThrowsAnyAsync<Exception>(() => Store.ApiKeys.AddAsync(A.ApiKey("k2", keyHash: "abc")));

        Assert.Equal(["k1"], (await Store.ApiKeys.ListAsync()).Select(k => k.Id));
    }

    [SkippableFact]
    public async Task ApiKeys_ListAsync_SeveralKeys_NewestFirst()
    {
        Begin();
        await Store.ApiKeys.AddAsync(A.ApiKey("k1", createdAt: A.Now));
        await Store.ApiKeys.AddAsync(A.ApiKey("k3", createdAt: A.Now.AddDays(2)));
        await Store.ApiKeys.AddAsync(A.ApiKey("k2", createdAt: A.Now.AddDays(1)));

        Assert.Equal(["k3", "k2", "k1"], (await Store.ApiKeys.ListAsync()).Select(k => k.Id));
    }

    [SkippableFact]
    public async Task ApiKeys_RevokeAsync_ActiveKey_SetsRevokedAtAndReturnsTrue()
    {
        Begin();
        var key = A.ApiKey("k1");
        await Store.ApiKeys.AddAsync(key);

        Assert.True(await Store.ApiKeys.RevokeAsync("k1", A.Now.AddHours(1)));

        JsonAssert.Equivalent(key with { RevokedAt = A.Now.AddHours(1) }, await Store.ApiKeys.FindByHashAsync(key.KeyHash));
    }

    [SkippableFact]
    public async Task ApiKeys_RevokeAsync_UnknownOrAlreadyRevoked_ReturnsFalseAndKeepsTheFirstRevocation()
    {
        Begin();
        var key = A.ApiKey("k1");
        await Store.ApiKeys.AddAsync(key);
        await Store.ApiKeys.RevokeAsync("k1", A.Now.AddHours(1));

        Assert.False(await Store.ApiKeys.RevokeAsync("k1", A.Now.AddHours(2)));
        Assert.False(await Store.ApiKeys.RevokeAsync("nope", A.Now));

        Assert.Equal(A.Now.AddHours(1), (await Store.ApiKeys.FindByHashAsync(key.KeyHash))!.RevokedAt);
    }

    [SkippableFact]
    public async Task ApiKeys_TouchAsync_LaterAndEarlierTimes_KeepsTheLatestUse()
    {
        Begin();
        var key = A.ApiKey("k1");
        await Store.ApiKeys.AddAsync(key);

        await Store.ApiKeys.TouchAsync("k1", A.Now.AddMinutes(5));
        await Store.ApiKeys.TouchAsync("k1", A.Now.AddMinutes(2));
        await Store.ApiKeys.TouchAsync("nope", A.Now);

        JsonAssert.Equivalent(key with { LastUsedAt = A.Now.AddMinutes(5) }, await Store.ApiKeys.FindByHashAsync(key.KeyHash));
    }
}
