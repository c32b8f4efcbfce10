extern alias web;

using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using web::CreditRisk.Web.Identity;

namespace CreditRisk.Tests.Identity;

public sealed class SignInThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryReserve_LimitUsedUp_RefusesUntilTheWindowEnds()
    {
        var throttle = Throttle(perAccountAndAddress: 2);
        var client = IPAddress.Parse("198.51.100.9");

        var first = throttle.TryReserve(client, "root@bank.test");
        var second = throttle.TryReserve(client, " ROOT@bank.test ");
        var third = throttle.TryReserve(client, "root@bank.test");
        _time.Advance(TimeSpan.FromMinutes(15));
        var afterTheWindow = throttle.TryReserve(client, "root@bank.test");

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(third);
        Assert.NotNull(afterTheWindow);
    }

    [Fact]
    public void TryReserve_SpellingIdentityFindsAsTheSameAccount_SharesItsCounters()
    {
        var throttle = Throttle(perAccountAndAddress: 1);
        var client = IPAddress.Parse("198.51.100.9");

        // U+212A (Kelvin sign) normalises to "K": Identity finds admin@bank.test under either spelling.
        Assert.NotNull(throttle.TryReserve(client, "admin@bank.test"));

        Assert.Null(throttle.TryReserve(client, "admin@ban\u212A.test"));
    }

    [Fact]
    public void TryReserve_SucceededAttempt_GivesItsFailureBack()
    {
        var throttle = Throttle(perAccountAndAddress: 1);
        var client = IPAddress.Parse("198.51.100.9");

        throttle.TryReserve(client, "root@bank.test")!.Succeeded();
        var next = throttle.TryReserve(client, "root@bank.test");

        Assert.NotNull(next);
        Assert.Null(throttle.TryReserve(client, "root@bank.test"));
    }

    [Fact]
    public void TryReserve_ConcurrentAttempts_NeverMoreThanTheLimitGetThrough()
    {
        var throttle = Throttle(perAddress: 7, perAccountAndAddress: 5);
        var client = IPAddress.Parse("198.51.100.9");

        var admitted = Enumerable.Range(0, 200).AsParallel().Count(i => throttle.TryReserve(client, $"user{i}@bank.test") is not null);

        Assert.Equal(7, admitted);
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.9")]
    [InlineData("198.51.100.9", "198.51.100.9")]
    public void ClientKey_IPv6ByItsNetwork_IPv4AsIs(string address, string key) =>
        Assert.Equal(key, SignInThrottle.ClientKey(IPAddress.Parse(address)));

    private SignInThrottle Throttle(int perAddress = 20, int perAccountAndAddress = 5) => new(
        Options.Create(new StaffSignInOptions { FailuresPerClientIp = perAddress, FailuresPerAccountAndClientIp = perAccountAndAddress }),
        _time);
}
