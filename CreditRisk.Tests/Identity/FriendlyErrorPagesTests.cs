using System.Net;
using CreditRisk.Tests.Api;

namespace CreditRisk.Tests.Identity;

/// <summary>Dead ends a person can reach in a browser get a page that says what happened; API callers keep bare statuses.</summary>
public sealed class FriendlyErrorPagesTests : IAsyncLifetime
{
    private CreditRiskWebFactory _app = null!;

    public async Task InitializeAsync() => _app = await IdentityHost.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/no/such/page")]
    [InlineData("/admin/nothing-here")]
    public async Task Get_UnknownAddress_Friendly404Page(string path)
    {
        using var client = _app.CreateBrowserClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is nothing at this address", html);
        Assert.Contains("Go to the start page", html);
    }

    [Fact]
    public async Task Get_UnknownApiAddress_BareNotFoundWithoutThePage()
    {
        using var client = _app.CreateBrowserClient();

        var response = await client.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("There is nothing at this address", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_Favicon_Served()
    {
        using var client = _app.CreateBrowserClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/favicon.ico")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/favicon.svg")).StatusCode);
    }

    [Fact]
    public async Task GetJobs_AnalystInABrowser_SentToTheAccessDeniedPage()
    {
        using var client = await _app.SignInStaffAsync("analyst@bank.test", "Analyst");

        var response = await client.GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
        var denied = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("Access denied", denied);
    }

    [Fact]
    public async Task PostJobsStats_DashboardScriptWithoutSignIn_Bare401()
    {
        // The dashboard's polling is a script request: it gets the status, not a sign-in page it cannot show.
        using var client = _app.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/stats");
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
