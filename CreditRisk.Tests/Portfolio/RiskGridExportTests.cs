using System.Net;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Api;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Identity;
using CreditRisk.Web.Api;

namespace CreditRisk.Tests.Portfolio;

/// <summary>The grid's CSV export: the filtered view only, staff only, audited, bad filters named.</summary>
public sealed class RiskGridExportTests : IAsyncLifetime
{
    private CreditRiskWebFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = await IdentityHost.StartAsync();
        await _app.Store.Customers.UpsertManyAsync(
        [
            A.Customer("c-1", "+15550100001") with { FullName = "=HYPERLINK(\"x\")" },
            A.Customer("c-2", "+15550100002") with { FullName = "Bilal, Khan" },
            A.Customer("c-3", "+15550100003") with { FullName = "Chandra Low" },
        ]);
        await _app.Store.Assessments.AddManyAsync(
        [
            A.Assessment("ra-1", "c-1", band: RiskBand.High) with { EnsembleProbability = 0.9 },
            A.Assessment("ra-2", "c-2", band: RiskBand.High) with { EnsembleProbability = 0.8 },
            A.Assessment("ra-3", "c-3", band: RiskBand.Low, probability: null), // rules alone: stored score 0.1 stands in
        ]);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Get_AnalystHighBand_CsvOfThatViewOnlyAndAudited()
    {
        using var client = await _app.SignInStaffAsync("analyst@bank.test", "Analyst");

        var response = await client.GetAsync("/admin/customers/export.csv?band=High");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("customer_id,name,band,score,utilisation_pct,days_past_due", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("c-1,\"'=HYPERLINK(\"\"x\"\")\",High,0.9000", lines[1]);
        Assert.StartsWith("c-2,\"Bilal, Khan\",High", lines[2]);
        Assert.DoesNotContain(lines, l => l.StartsWith("c-3", StringComparison.Ordinal));

        var audit = Assert.Single(await _app.Store.Audit.ListAsync(RiskGridExportEndpoint.AuditAction, 0, 10));
        Assert.Equal("analyst@bank.test", audit.Actor);
        Assert.Contains("\"Rows\":2", audit.Details);
        Assert.Contains("\"Band\":\"High\"", audit.Details);
    }

    [Fact]
    public async Task Get_RulesOnlyCustomer_ScoreLeftEmptyNotTheBandsStandIn()
    {
        using var client = await _app.SignInStaffAsync("analyst@bank.test", "Analyst");

        var csv = await client.GetStringAsync("/admin/customers/export.csv?band=Low");

        var row = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.StartsWith("c-3,Chandra Low,Low,,", row);
    }

    [Fact]
    public async Task Get_Search_OnlyTheMatchingCustomers()
    {
        using var client = await _app.SignInStaffAsync("analyst@bank.test", "Analyst");

        var csv = await client.GetStringAsync("/admin/customers/export.csv?q=bilal");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("c-2,", lines[1]);
    }

    [Fact]
    public async Task Get_Customer_RefusedAndNothingExported()
    {
        using var client = await _app.SignInCustomerAsync(IdentityHost.PhoneA);

        var response = await client.GetAsync("/admin/customers/export.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
        Assert.Empty(await _app.Store.Audit.ListAsync(RiskGridExportEndpoint.AuditAction, 0, 10));
    }

    [Theory]
    [InlineData("band=Severe", "band")]
    [InlineData("minScore=2", "minScore")]
    [InlineData("alert=Lost", "alert")]
    [InlineData("rule=made-up", "rule")]
    [InlineData("minScore=NaN", "minScore")] // compared false with every score: an empty file, audited as an export
    [InlineData("band=High&alert=Sent&rule=bogus", "rule")] // named "alert", which was fine
    [InlineData("band=2", "band")] // read as High
    [InlineData("band=Low,High", "band")]
    [InlineData("sort=bogus", "sort")] // ignored
    [InlineData("desc=maybe", "desc")] // ignored
    public async Task Get_BadFilter_ProblemNamingTheField(string query, string field)
    {
        using var client = await _app.SignInStaffAsync("analyst@bank.test", "Analyst");

        var response = await client.GetAsync("/admin/customers/export.csv?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"Invalid {field}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_SearchMatchingMoreThanTheCap_ProblemNamingTheSearchNotAPartialFile()
    {
        await _app.Store.Customers.UpsertManyAsync(
            [.. Enumerable.Range(0, RiskGridService.MaxSearchMatches + 1).Select(i => A.Customer($"z-{i:000}", $"+1555020{i:0000}") with { FullName = "Zed Ali" })]);
        using var client = await _app.SignInStaffAsync("analyst@bank.test", "Analyst");

        var response = await client.GetAsync("/admin/customers/export.csv?q=zed");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Invalid q", await response.Content.ReadAsStringAsync());
    }
}
