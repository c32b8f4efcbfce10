using System.Net;
using CreditRisk.Tests.Api;

namespace CreditRisk.Tests.Jobs;

public sealed class JobsDashboardTests : IAsyncLifetime
{
    private readonly CreditRiskWebFactory _app = new() { TestServices = TestAuthentication.Register };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/jobs")]
    [InlineData("/jobs/recurring")]
    [InlineData("/jobs/stats")]
    public async Task Get_Anonymous_Refused401(string path)
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_SignedInWithoutAdminRole_Refused403()
    {
        using var client = Client("analyst.ravi", "Analyst");

        var response = await client.GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Get_Admin_ShowsTheDashboardWithTheRecurringJobs()
    {
        using var client = Client("admin.asha", "Analyst,Admin");

        var page = await client.GetAsync("/jobs/recurring");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("nightly-portfolio-rescore", html);
        Assert.Contains("alert-outbox-sweep", html);
    }

    private HttpClient Client(string user, string roles)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthentication.UserHeader, user);
        client.DefaultRequestHeaders.Add(TestAuthentication.RolesHeader, roles);
        return client;
    }
}
