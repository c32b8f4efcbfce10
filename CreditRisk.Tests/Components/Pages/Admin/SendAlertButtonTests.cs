using Bunit;
using Bunit.TestDoubles;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Web.Components.Pages.Admin.Customers;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Components.Pages.Admin;

public sealed class SendAlertButtonTests : IAsyncLifetime
{
    private ConsoleHarness _harness = null!;

    private BunitContext _context => _harness.Context;

    public async Task InitializeAsync()
    {
        _harness = await ConsoleHarness.CreateAsync();
        _harness.SignInStaff("admin", Web.Authorization.AppRoles.Admin);
        await _harness.Store.Customers.UpsertManyAsync([Builders.A.Customer("c1") with { FullName = "Asha Verma" }]);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static RiskGridRow Row(bool optIn, AlertStatus? lastAlert)
    {
        var (canSend, reason) = RiskGridService.AlertEligibility(optIn, lastAlert is { } s ? Builders.A.Alert(status: s) : null);
        return new RiskGridRow("c1", "Asha Verma", RiskBand.High, 0.91, ["Utilisation is 93% of the limit"], Builders.A.Now, optIn,
            lastAlert, lastAlert is null ? null : Builders.A.Now, canSend, reason);
    }

    private IRenderedComponent<SendAlertButton> Render(RiskGridRow row) =>
        _context.Render<SendAlertButton>(p => p.Add(b => b.Row, row));

    [Fact]
    public void Render_OptedInNoPendingAlert_EnabledButton()
    {
        var cut = Render(Row(optIn: true, lastAlert: AlertStatus.Read));

        Assert.False(cut.Find("[data-testid=send-alert]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=send-alert-reason]"));
    }

    [Fact]
    public void Render_NoOptIn_DisabledWithTheReason()
    {
        var cut = Render(Row(optIn: false, lastAlert: null));

        Assert.True(cut.Find("[data-testid=send-alert]").HasAttribute("disabled"));
        Assert.Contains("No WhatsApp opt-in", cut.Find("[data-testid=send-alert-reason]").TextContent);
    }

    [Fact]
    public void Render_AlertPending_DisabledWithTheReason()
    {
        var cut = Render(Row(optIn: true, lastAlert: AlertStatus.Pending));

        Assert.True(cut.Find("[data-testid=send-alert]").HasAttribute("disabled"));
        Assert.Contains("already pending", cut.Find("[data-testid=send-alert-reason]").TextContent);
    }

    [Theory]
    [InlineData(false, null, "No WhatsApp opt-in")]
    [InlineData(true, AlertStatus.Pending, "already pending")]
    public void Render_Unavailable_ButtonIsDescribedByTheVisibleReason(bool optIn, AlertStatus? lastAlert, string reason)
    {
        var cut = Render(Row(optIn, lastAlert));

        // A disabled button takes no focus, so the reason must not live only in a hover tooltip: it is text on the
        // page, and the button points at it so a screen reader reads it with the button.
        var button = cut.Find("[data-testid=send-alert]");
        var describedBy = button.GetAttribute("aria-describedby");
        Assert.False(string.IsNullOrEmpty(describedBy));
        var description = cut.Find($"[id='{describedBy}']");
        Assert.Contains(reason, description.TextContent);
        Assert.Equal("send-alert-reason", description.GetAttribute("data-testid"));
        Assert.Equal("Send WhatsApp Alert to Asha Verma (c1)", button.GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll("[tabindex]"));
        Assert.Empty(cut.FindAll(".mud-tooltip-root"));
    }

    [Fact]
    public void Render_OptedIn_NativeButtonNamedForTheCustomerWithoutDescription()
    {
        var cut = Render(Row(optIn: true, lastAlert: null));

        var button = cut.Find("[data-testid=send-alert]");
        Assert.Equal("BUTTON", button.TagName);
        Assert.Equal("Send WhatsApp Alert to Asha Verma (c1)", button.GetAttribute("aria-label"));
        Assert.Contains("Send WhatsApp Alert", button.TextContent);
        Assert.False(button.HasAttribute("aria-describedby"));
        Assert.False(button.HasAttribute("tabindex"));
    }

    [Fact]
    public void Render_TwoUnavailableRows_EachButtonPointsAtItsOwnReason()
    {
        var first = Render(Row(optIn: false, lastAlert: null));
        var second = _context.Render<SendAlertButton>(p => p.Add(b => b.Row, Row(optIn: false, lastAlert: null) with { CustomerId = "c 2" }));

        var ids = new[] { first, second }.Select(c => c.Find("[data-testid=send-alert]").GetAttribute("aria-describedby")).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.DoesNotContain(' ', ids[1]!);
        Assert.NotNull(second.Find($"[id='{ids[1]}']"));
    }

    [Fact]
    public async Task Click_Enabled_OpensTheConfirmationWithoutSending()
    {
        var provider = _context.Render<MudDialogProvider>();
        var cut = Render(Row(optIn: true, lastAlert: null));

        // Enter on a focused native button raises the same click. Not awaited: the handler waits for the dialog's answer.
        _ = cut.Find("[data-testid=send-alert]").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Contains("Send a WhatsApp alert to Asha Verma?", provider.Markup));
        Assert.NotNull(provider.Find("[role=dialog]"));
        Assert.Contains("It goes out now.", provider.Markup);
        Assert.Empty(await _harness.Store.Alerts.ListForCustomerAsync("c1", 10));
    }

    [Fact]
    public async Task Click_CustomersNight_ConfirmationSaysWhenItGoesInTheirTimeAndWhy()
    {
        // 10:15 UTC is 02:15 in Los Angeles: inside the default 21:00–09:00 quiet hours, which end at 17:00 UTC.
        await _harness.Store.Customers.UpsertManyAsync([Builders.A.Customer("c1") with { FullName = "Asha Verma", TimeZone = "America/Los_Angeles" }]);
        var provider = _context.Render<MudDialogProvider>();
        var cut = Render(Row(optIn: true, lastAlert: null));

        _ = cut.Find("[data-testid=send-alert]").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Contains("It goes out at 2 Mar 09:00 America/Los_Angeles (2 Mar 17:00 UTC), not now", provider.Markup));
        var text = provider.Find("[role=dialog]").TextContent;
        Assert.Contains("Quiet hours (21:00–09:00 America/Los_Angeles).", text);
        Assert.Contains("Quiet hours follow the customer's time zone.", text);
    }

    [Fact]
    public async Task Click_MessageSentWithinTheRepeatPeriod_ConfirmationNamesItAndItsStatus()
    {
        await _harness.Store.Alerts.TryAddAsync(Builders.A.Alert("earlier", "c1", Builders.A.Now.AddHours(-3), AlertStatus.Delivered));
        var provider = _context.Render<MudDialogProvider>();
        var cut = Render(Row(optIn: true, lastAlert: AlertStatus.Delivered));

        _ = cut.Find("[data-testid=send-alert]").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Contains("Send another WhatsApp alert?", provider.Markup));
        var text = provider.Find("[role=dialog]").TextContent;
        Assert.Contains("A message was sent to this customer 2 h ago (2 Mar 07:16 UTC, by pipeline): \"Utilisation is 93.5% of the limit\".", text);
        Assert.Contains("Its status is Delivered.", text);
        Assert.NotNull(provider.Find("[role=dialog]").QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Trim() == "Send again"));
    }

    [Fact]
    public async Task Send_Confirmed_TellsTheCustomerTheirOwnReasonNotTheStaffs()
    {
        var provider = _context.Render<MudDialogProvider>();
        var cut = Render(Row(optIn: true, lastAlert: null) with { CustomerReason = CustomerReasons.PastDue });

        _ = cut.Find("[data-testid=send-alert]").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Contains(CustomerReasons.PastDue, provider.Find("[role=dialog]").TextContent));
        Assert.DoesNotContain("Utilisation is 93% of the limit", provider.Find("[role=dialog]").TextContent);
        await provider.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == "Send").ClickAsync(new());

        // The send runs on after the dialog closes: wait for the stored alert.
        IReadOnlyList<Alert> sent = [];
        for (var tries = 0; tries < 200 && sent.Count == 0; tries++)
        {
            await Task.Delay(25);
            sent = await _harness.Store.Alerts.ListForCustomerAsync("c1", 10);
        }

        Assert.Equal(CustomerReasons.PastDue, Assert.Single(sent).Reason);
    }

    [Fact]
    public void Render_LatestAlertChangedFromPendingToSent_ButtonBecomesEnabled()
    {
        var cut = Render(Row(optIn: true, lastAlert: AlertStatus.Pending));

        cut.Render(p => p.Add(b => b.Row, Row(optIn: true, lastAlert: AlertStatus.Sent)));

        Assert.False(cut.Find("[data-testid=send-alert]").HasAttribute("disabled"));
    }
}
