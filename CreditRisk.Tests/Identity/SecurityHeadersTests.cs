using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CreditRisk.Tests.Api;

namespace CreditRisk.Tests.Identity;

public sealed partial class SecurityHeadersTests(CreditRiskWebFactory app) : IClassFixture<CreditRiskWebFactory>
{
    [Fact]
    public async Task GetPage_Always_SendsTheSecurityHeaders()
    {
        using var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/account/signin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("connect-src 'self' wss://localhost", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Matches("script-src 'self'( 'sha256-[^']+')?;", csp);
    }

    [Fact]
    public async Task GetPage_WithInlineImportMap_PolicyAllowsExactlyThatScriptByHash()
    {
        using var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/account/signin");

        var html = await response.Content.ReadAsStringAsync();
        var importMap = ImportMap().Match(html);
        Assert.True(importMap.Success, "the page renders no inline import map");
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Groups[1].Value)));
        Assert.Contains($"'sha256-{hash}'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotMatch("<script>(?!</script>)", html);
    }

    [Fact]
    public async Task GetApi_Always_SendsNoSniff()
    {
        using var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/health");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [GeneratedRegex("<script type=\"importmap\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMap();
}
