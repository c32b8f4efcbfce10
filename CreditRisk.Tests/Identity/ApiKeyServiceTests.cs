using CreditRisk.Core.Identity;
using CreditRisk.Tests.Ingestion;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Identity;

public sealed class ApiKeyServiceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private TempLiteDbStore _temp = null!;

    public async Task InitializeAsync() => _temp = await TempLiteDbStore.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private ApiKeyService Service() => new(_temp.Store, _clock, NullLogger<ApiKeyService>.Instance);

    [Fact]
    public async Task CreateAsync_NewKey_StoresOnlyHashAndPrefixAndAudits()
    {
        var created = await Service().CreateAsync(" core-banking ", "cli");

        Assert.StartsWith(ApiKeyService.KeyPrefix, created.Secret);
        Assert.Equal(4 + 43, created.Secret.Length);
        Assert.Matches("^crk_[A-Za-z0-9_-]{43}$", created.Secret);
        var stored = Assert.Single(await _temp.Store.ApiKeys.ListAsync());
        Assert.Equal("core-banking", stored.Name);
        Assert.Equal(ApiKeyService.Hash(created.Secret), stored.KeyHash);
        Assert.Equal(created.Secret[..12], stored.Prefix);
        Assert.DoesNotContain(created.Secret, stored.KeyHash);
        var audit = Assert.Single(await _temp.Store.Audit.ListAsync("apikey.", 0, 10));
        Assert.Equal(("apikey.created", "cli"), (audit.Action, audit.Actor));
        Assert.DoesNotContain(created.Secret, audit.Details ?? "");
    }

    [Fact]
    public async Task CreateAsync_NameOfALiveKey_RefusedAnyCase_FreeAgainOnceThatKeyIsRevoked()
    {
        var service = Service();
        var first = await service.CreateAsync("core-banking", "cli");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => service.CreateAsync(" CORE-banking ", "cli"));
        Assert.StartsWith("A key named 'CORE-banking' is still in use", refused.Message);
        Assert.Single(await _temp.Store.ApiKeys.ListAsync());

        Assert.True(await service.RevokeAsync(first.Key.Id, "cli"));
        Assert.Null(await service.NameProblemAsync("core-banking"));
        await service.CreateAsync("core-banking", "cli");
        Assert.Equal(2, (await _temp.Store.ApiKeys.ListAsync()).Count);
    }

    [Theory]
    [InlineData(null, "Give the key a name.")]
    [InlineData("   ", "Give the key a name.")]
    public async Task NameProblemAsync_NoName_SaysSo(string? name, string expected)
    {
        Assert.Equal(expected, await Service().NameProblemAsync(name));
        Assert.Equal($"A key name is at most {ApiKeyService.MaxNameLength} characters.", await Service().NameProblemAsync(new string('k', ApiKeyService.MaxNameLength + 1)));
    }

    [Fact]
    public async Task CreateAsync_TwoKeys_AreDifferent()
    {
        var service = Service();

        var first = await service.CreateAsync("a", "cli");
        var second = await service.CreateAsync("b", "cli");

        Assert.NotEqual(first.Secret, second.Secret);
        Assert.NotEqual(first.Key.Id, second.Key.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task CreateAsync_BlankName_Throws(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Service().CreateAsync(name, "cli"));
        Assert.Empty(await _temp.Store.ApiKeys.ListAsync());
    }

    [Fact]
    public async Task VerifyAsync_ValidKey_ReturnsItAndRecordsUse()
    {
        var service = Service();
        var created = await service.CreateAsync("bank", "cli");

        var verified = await service.VerifyAsync(created.Secret);

        Assert.Equal(created.Key.Id, verified?.Id);
        Assert.Equal(_clock.GetUtcNow(), (await _temp.Store.ApiKeys.ListAsync()).Single().LastUsedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("crk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task VerifyAsync_UnknownOrMalformedKey_ReturnsNull(string? presented)
    {
        await Service().CreateAsync("bank", "cli");

        Assert.Null(await Service().VerifyAsync(presented));
    }

    [Fact]
    public async Task RevokeAsync_ActiveKey_StopsItVerifyingAndAudits()
    {
        var service = Service();
        var created = await service.CreateAsync("bank", "cli");

        Assert.True(await service.RevokeAsync(created.Key.Id, "admin"));

        Assert.Null(await service.VerifyAsync(created.Secret));
        Assert.False(await service.RevokeAsync(created.Key.Id, "admin"));
        Assert.False(await service.RevokeAsync("no-such-id", "admin"));
        var audit = await _temp.Store.Audit.ListAsync("apikey.revoked", 0, 10);
        Assert.Equal("admin", Assert.Single(audit).Actor);
    }
}
