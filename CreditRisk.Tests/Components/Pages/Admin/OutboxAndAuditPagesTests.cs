using Bunit;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin;

namespace CreditRisk.Tests.Components.Pages.Admin;

public sealed class OutboxAndAuditPagesTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync();
        _h.SignInStaff("root", AppRoles.Admin);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Outbox_Messages_ListedNewestFirst()
    {
        await _h.Store.DevelopmentOutbox.AddAsync(A.DevelopmentMessage("m1", createdAt: A.Now.AddMinutes(-5)) with { BodyParameters = ["older"] });
        await _h.Store.DevelopmentOutbox.AddAsync(A.DevelopmentMessage("m2", createdAt: A.Now) with { BodyParameters = ["newer"] });

        var cut = _h.Render<Outbox>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#outbox-table tbody tr").Count));
        var rows = cut.FindAll("#outbox-table tbody tr");
        Assert.Contains("newer", rows[0].TextContent);
        Assert.Contains("older", rows[1].TextContent);
    }

    [Fact]
    public void Outbox_Empty_SaysSo()
    {
        var cut = _h.Render<Outbox>();

        cut.WaitForAssertion(() => Assert.Contains("The outbox is empty.", cut.Markup));
    }

    [Fact]
    public async Task Audit_FilterByActor_ShowsOnlyTheirEntriesAndPagesOlder()
    {
        for (var i = 0; i < 55; i++)
        {
            await _h.Store.Audit.AddAsync(A.AuditEntry($"a{i:00}", A.Now.AddMinutes(i), "rules.thresholds.changed") with { Actor = "alice" });
        }

        await _h.Store.Audit.AddAsync(A.AuditEntry("b1", A.Now.AddHours(5), "apikey.created") with { Actor = "bob" });
        var cut = _h.Render<AuditLog>();
        cut.WaitForAssertion(() => Assert.Equal(50, cut.FindAll("#audit-table tbody tr").Count));
        Assert.Contains("bob", cut.FindAll("#audit-table tbody tr")[0].TextContent);

        cut.Find("#audit-actor").Change("alice");
        await cut.Find("#audit-search").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.DoesNotContain("bob", cut.Find("#audit-table").TextContent));
        Assert.False(cut.Find("#audit-next").HasAttribute("disabled"));

        await cut.Find("#audit-next").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("#audit-table tbody tr").Count));
        Assert.True(cut.Find("#audit-next").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Audit_FilterTypedButNotApplied_PagingKeepsTheFilterInForce()
    {
        for (var i = 0; i < 60; i++)
        {
            await _h.Store.Audit.AddAsync(A.AuditEntry($"b{i:00}", A.Now.AddMinutes(100 + i), "apikey.created") with { Actor = "bob" });
        }

        for (var i = 0; i < 5; i++)
        {
            await _h.Store.Audit.AddAsync(A.AuditEntry($"a{i:00}", A.Now.AddMinutes(i), "rules.thresholds.changed") with { Actor = "alice" });
        }

        var cut = _h.Render<AuditLog>();
        cut.WaitForAssertion(() => Assert.Equal(50, cut.FindAll("#audit-table tbody tr").Count));

        // Typed, Filter not pressed: page 2 is page 2 of everyone, the 10 older bob entries and alice's 5.
        cut.Find("#audit-actor").Change("alice");
        await cut.Find("#audit-next").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("Page 2", cut.Markup, StringComparison.Ordinal));
        var rows = cut.FindAll("#audit-table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(15, rows.Count);
        Assert.Equal(10, rows.Count(r => r.Contains("bob", StringComparison.Ordinal)));
    }
}
