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
    private readonly BunitContext _context = new();

    public SendAlertButtonTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        // Only the enabled/disabled rendering is exercised here; sending goes through AlertDeliveryService (tested in Alerts/).
        _context.Services.AddSingleton(new AlertDeliveryService(
            null!, null!, Options.Create(new AlertDeliveryOptions()), TimeProvider.System, NullLogger<AlertDeliveryService>.Instance));
        _context.AddAuthorization().SetAuthorized("admin");
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

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

    [Fact]
    public void Render_LatestAlertChangedFromPendingToSent_ButtonBecomesEnabled()
    {
        var cut = Render(Row(optIn: true, lastAlert: AlertStatus.Pending));

        cut.Render(p => p.Add(b => b.Row, Row(optIn: true, lastAlert: AlertStatus.Sent)));

        Assert.False(cut.Find("[data-testid=send-alert]").HasAttribute("disabled"));
    }
}
