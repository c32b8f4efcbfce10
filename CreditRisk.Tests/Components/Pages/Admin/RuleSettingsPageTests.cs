using System.Globalization;
using Bunit;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin.Rules;

namespace CreditRisk.Tests.Components.Pages.Admin;

public sealed class RuleSettingsPageTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync() => _h = await ConsoleHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Render_Analyst_ShowsThresholdsAndCountsButCannotSave()
    {
        await _h.Store.Assessments.AddManyAsync(
        [
            A.Assessment("ra-1", "c1") with { RuleHits = [new RuleHit(RuleIds.UtilisationHigh, RiskBand.High, "x")] },
            A.Assessment("ra-2", "c2") with { RuleHits = [new RuleHit(RuleIds.UtilisationHigh, RiskBand.High, "x")] },
            A.Assessment("ra-3", "c3") with { RuleHits = [new RuleHit(RuleIds.CashWithdrawalHigh, RiskBand.High, "x")] },
        ]);
        _h.SignInStaff("asha", AppRoles.Analyst);

        var cut = _h.Render<RuleSettingsPage>();

        cut.WaitForAssertion(() => Assert.Contains("2 customers flagged now",
            cut.Find($"[data-rule='{RuleIds.UtilisationHigh}'] [data-testid=flag-count]").TextContent));
        Assert.Contains("0 customers flagged now", cut.Find($"[data-rule='{RuleIds.SpendDrop}'] [data-testid=flag-count]").TextContent);
        Assert.Contains("1 customer flagged now", cut.Find($"[data-rule='{RuleIds.CashWithdrawalHigh}'] [data-testid=flag-count]").TextContent); // "1 customers"
        Assert.Equal("90", cut.Find("#rule-utilisation").GetAttribute("value"));
        Assert.True(cut.Find("#rules-save").HasAttribute("disabled"));
        Assert.NotNull(cut.Find("#rules-readonly-note"));
    }

    [Fact]
    public async Task Render_UnderCommaDecimalCulture_DatesAndCountsAsTheRestOfTheApp()
    {
        // A server running under de-DE wrote "7 Dez. 2026", "1.000 customers" and "up to 2.000 customers" here.
        await _h.Store.Assessments.AddManyAsync([.. Enumerable.Range(0, 1_000).Select(i => A.Assessment($"ra-{i}", $"c{i}") with
        {
            RuleHits = [new RuleHit(RuleIds.UtilisationHigh, RiskBand.High, "x")],
        })]);
        _h.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero));
        await _h.Get<RuleSettingsService>().UpdateAsync(new RuleSettings { UtilisationHighPct = 85 }, 0, "root");
        _h.SignInStaff("asha", AppRoles.Analyst);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var cut = _h.Render<RuleSettingsPage>();

            cut.WaitForAssertion(() => Assert.Contains("1,000 customers flagged now",
                cut.Find($"[data-rule='{RuleIds.UtilisationHigh}'] [data-testid=flag-count]").TextContent));
            Assert.Contains("Version 1, saved 7 Dec 2026 09:30 UTC.", cut.Markup);
            Assert.Contains("up to 2,000 customers", cut.Find("#whatif-panel").TextContent);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task Save_Admin_SavesAuditsAndConfirms()
    {
        _h.SignInStaff("root", AppRoles.Admin);
        var cut = _h.Render<RuleSettingsPage>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("#rules-save").HasAttribute("disabled")));

        cut.Find("#rule-utilisation").Change("85");
        await cut.Find("#rules-save").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Saved as version 1", cut.Find("#rules-message").TextContent));
        var stored = await _h.Get<RuleSettingsService>().GetAsync();
        Assert.Equal(85, stored.Settings.UtilisationHighPct);
        var audit = Assert.Single(await _h.Store.Audit.ListAsync(RuleSettingsService.AuditAction, 0, 10));
        Assert.Equal("root", audit.Actor);
        // The audit entry names the change with the rule's card and the field's own label on this page.
        Assert.Equal("High utilisation, Utilisation above (%): 90% → 85%", audit.Details);
        var labels = cut.FindAll("label").Select(l => l.TextContent.Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.All(typeof(RuleSettings).GetProperties(), p => Assert.Contains(RuleSettingChanges.FieldLabel(p.Name), labels));
    }

    [Fact]
    public async Task Save_OutOfRange_ShowsTheFieldMessageAndSavesNothing()
    {
        _h.SignInStaff("root", AppRoles.Admin);
        var cut = _h.Render<RuleSettingsPage>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("#rules-save").HasAttribute("disabled")));

        cut.Find("#rule-cash").Change("150");
        await cut.Find("#rules-save").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("out of range", cut.Find("#rules-message").TextContent));
        Assert.Contains("between 1% and 100%", cut.Markup);
        Assert.Equal(0, (await _h.Get<RuleSettingsService>().GetAsync()).Version);
        Assert.Empty(await _h.Store.Audit.ListAsync(null, 0, 10));
    }

    [Fact]
    public async Task Save_OutOfRangeAgainAfterAnEdit_TheFieldMessageComesBack()
    {
        _h.SignInStaff("root", AppRoles.Admin);
        var cut = _h.Render<RuleSettingsPage>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("#rules-save").HasAttribute("disabled")));
        cut.Find("#rule-cash").Change("150");
        await cut.Find("#rules-save").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("between 1% and 100%", cut.Markup));

        cut.Find("#rule-cash").Change("250");
        await cut.Find("#rules-save").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("between 1% and 100%", cut.Markup));
        Assert.Equal(0, (await _h.Get<RuleSettingsService>().GetAsync()).Version);
    }

    [Fact]
    public void Discard_AfterTextTheFieldCouldNotRead_TheSavedValueWithoutAMessage()
    {
        _h.SignInStaff("root", AppRoles.Admin);
        var cut = _h.Render<RuleSettingsPage>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("#rules-reset").HasAttribute("disabled")));
        cut.Find("#rule-utilisation").Change("abc");
        cut.WaitForAssertion(() => Assert.Contains("Not a valid number", cut.Markup));

        cut.Find("#rules-reset").Click();

        cut.WaitForAssertion(() => Assert.Equal("90", cut.Find("#rule-utilisation").GetAttribute("value")));
        Assert.DoesNotContain("Not a valid number", cut.Markup);
    }
}
