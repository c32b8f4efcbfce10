using System.Net;
using CreditRisk.Tests.Api;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Jobs;

namespace CreditRisk.Tests.Components.Pages;

/// <summary>The console pages through the real host (prerendered HTML): services wired, policies applied.</summary>
public sealed class ConsolePagesHostTests : IAsyncLifetime
{
    private readonly CreditRiskWebFactory _app = new() { TestServices = TestAuthentication.Register };

    public async Task InitializeAsync()
    {
        _ = _app.Server;
        await _app.Store.Customers.UpsertManyAsync([A.Customer("cust-1") with { FullName = "Meera Iyer" }]);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path, string roles)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthentication.UserHeader, "someone");
        client.DefaultRequestHeaders.Add(TestAuthentication.RolesHeader, roles);
        var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/admin/customers/cust-1", "Meera Iyer")]
    [InlineData("/admin/models", "Models")]
    [InlineData("/admin/rules", "Expert rules")]
    [InlineData("/admin/api-keys", "API keys")]
    [InlineData("/admin/outbox", "Development outbox")]
    [InlineData("/admin/audit", "Audit log")]
    public async Task Get_Admin_RendersThePage(string path, string heading)
    {
        var (status, html) = await GetAsync(path, "Admin");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(heading, html);
        Assert.DoesNotContain("You do not have access", html);
    }

    [Theory]
    [InlineData("/admin/customers/cust-1", true)]
    [InlineData("/admin/models", true)]
    [InlineData("/admin/rules", true)]
    [InlineData("/admin/api-keys", false)]
    [InlineData("/admin/outbox", false)]
    [InlineData("/admin/audit", false)]
    public async Task Get_Analyst_ReadsStaffPagesOnly(string path, bool allowed)
    {
        var (status, _) = await GetAsync(path, "Analyst");

        // The page's policy is applied to the endpoint, so a refusal comes before any rendering.
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Get_Me_WithoutCustomerClaim_IsRefused()
    {
        var (status, html) = await GetAsync("/me", "Customer");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("Meera", html);
    }
}
