using Bunit;
using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin.Rules;
using CreditRisk.Web.Jobs;

namespace CreditRisk.Tests.Components.Pages.Admin;

/// <summary>The Rules page's backtest section: who may start and cancel, the unsaved values it sends, and each state it shows.</summary>
public sealed class RulesWhatIfPanelTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync() => _h = await ConsoleHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static RulesWhatIfState Queued(string? jobId = null) => new()
    {
        RequestId = "req",
        Status = RulesWhatIfStatus.Queued,
        RequestedBy = "meera",
        RequestedAt = A.Now.AddMinutes(-2),
        Proposal = new RiskProposal(new RuleSettings { UtilisationHighPct = 95 }, null),
        Changes = ["High utilisation, Utilisation above (%): 90% → 95%"],
        JobId = jobId,
    };

    private static RulesWhatIfResult Result() => new()
    {
        Customers = 2_000,
        DelinquentCustomers = 150,
        NeverDelinquentCustomers = 1_850,
        Sample = new StoreSample(48_000, 2_000, 12, 3, new DateOnly(2025, 12, 5), new DateOnly(2026, 12, 4)),
        Period = new ReplayPeriod(new DateOnly(2025, 12, 5), new DateOnly(2026, 12, 4), 12, 7, 53),
        ModelVersion = "v-champion",
        RulesVersion = 4,
        ProposedRules = new RuleSettings { UtilisationHighPct = 95 },
        Changes = ["High utilisation, Utilisation above (%): 90% → 95%"],
        Now = new WhatIfFigures
        {
            Cutoffs = new BandCutoffs(0.1, 0.3),
            FlaggedToday = new CountByLevel(900, 240),
            HighAlertsPer1000PerMonth = 118.24,
            DelinquentsFlaggedAhead = new ByLevel(0.947, 0.74),
            NeverDelinquentFlagged = new ByLevel(0.992, 0.607),
        },
        Proposed = new WhatIfFigures
        {
            Cutoffs = new BandCutoffs(0.1, 0.3),
            FlaggedToday = new CountByLevel(700, 100),
            HighAlertsPer1000PerMonth = 40.5,
            DelinquentsFlaggedAhead = new ByLevel(0.9, 0.61),
            NeverDelinquentFlagged = new ByLevel(0.8, 0.2),
        },
        DurationSeconds = 95,
    };

    private Task SaveAsync(RulesWhatIfState state, long version = 0) =>
        state.TrySaveAsync(_h.Store.Settings, version, A.Now, CancellationToken.None);

    private async Task<RulesWhatIfState?> StoredAsync() => (await RulesWhatIfState.ReadAsync(_h.Store.Settings, CancellationToken.None)).State;

    [Fact]
    public async Task RulesPage_AdminChangesAThresholdAndBacktests_QueuesTheUnsavedValuesAndSavesNothing()
    {
        _h.SignInStaff("meera", AppRoles.Admin);
        var cut = _h.Render<RuleSettingsPage>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("#whatif-start").HasAttribute("disabled")));

        cut.Find("#rule-utilisation").Change("95");
        await cut.Find("#whatif-start").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("queued", cut.Find("#whatif-status").GetAttribute("data-status")));
        Assert.Contains("Backtest queued", cut.Find("#whatif-message").TextContent);
        Assert.Contains("High utilisation, Utilisation above (%): 90% → 95%", cut.Find("#whatif-changes").TextContent);
        Assert.True(cut.Find("#whatif-start").HasAttribute("disabled"));
        Assert.NotNull(cut.Find("#whatif-cancel"));
        var state = await StoredAsync();
        Assert.Equal(95, state!.Proposal.Rules!.UtilisationHighPct);
        Assert.Null(state.Proposal.Cutoffs);
        Assert.Equal(state.JobId, Assert.Single(_h.WhatIfJobs.Queued).JobId);
        Assert.Equal(0, (await _h.Get<RuleSettingsService>().GetAsync()).Version); // nothing saved
    }

    [Fact]
    public async Task Start_ProposedCutoffs_SentWithTheRules()
    {
        _h.SignInStaff("meera", AppRoles.Admin);
        var cut = _h.Render<RulesWhatIfPanel>(p => p.Add(x => x.ProposedRules, () => new RuleSettings()));

        cut.Find("#whatif-medium-from").Change("15");
        cut.Find("#whatif-high-from").Change("40");
        await cut.Find("#whatif-start").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("queued", cut.Find("#whatif-status").GetAttribute("data-status")));
        Assert.Equal(new BandCutoffs(0.15, 0.4), (await StoredAsync())!.Proposal.Cutoffs);
    }

    [Theory]
    [InlineData("15", "", "Give both cut-offs")]
    [InlineData("50", "40", "Must be above the Medium cut-off")]
    [InlineData("150", "200", "Must be between 0% and 100%")]
    [InlineData("-1", "30", "Must be between 0% and 100%")]
    public async Task Start_BadCutoffs_FieldMessageAndNothingQueued(string medium, string high, string message)
    {
        _h.SignInStaff("meera", AppRoles.Admin);
        var cut = _h.Render<RulesWhatIfPanel>(p => p.Add(x => x.ProposedRules, () => new RuleSettings()));

        cut.Find("#whatif-medium-from").Change(medium);
        cut.Find("#whatif-high-from").Change(high);
        await cut.Find("#whatif-start").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("nothing was started", cut.Find("#whatif-message").TextContent));
        Assert.Contains(message, cut.Find("#whatif-panel").TextContent);
        Assert.DoesNotContain(message, cut.Find("#whatif-message").TextContent); // shown on the field, not only in the summary
        Assert.Empty(_h.WhatIfJobs.Queued);
        Assert.Null(await StoredAsync());
    }

    [Fact]
    public async Task Start_BadCutoffAgainAfterChangingIt_TheFieldMessageComesBack()
    {
        // The field's own error state was cleared by the edit, and a second start with the field still wrong found the
        // same error flag and so never set it again: only the summary said anything.
        _h.SignInStaff("meera", AppRoles.Admin);
        var cut = _h.Render<RulesWhatIfPanel>(p => p.Add(x => x.ProposedRules, () => new RuleSettings()));
        cut.Find("#whatif-medium-from").Change("30");
        cut.Find("#whatif-high-from").Change("200");
        await cut.Find("#whatif-start").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("Must be between 0% and 100%", cut.Find("#whatif-panel").TextContent));

        cut.Find("#whatif-high-from").Change("300");
        await cut.Find("#whatif-start").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("nothing was started", cut.Find("#whatif-message").TextContent));
        Assert.Contains("Must be between 0% and 100%", cut.Find("#whatif-panel").TextContent);
    }

    [Fact]
    public async Task Start_RulesOutOfRange_SaysWhichAndQueuesNothing()
    {
        _h.SignInStaff("meera", AppRoles.Admin);
        var cut = _h.Render<RulesWhatIfPanel>(p => p.Add(x => x.ProposedRules, () => new RuleSettings { UtilisationHighPct = 0 }));

        await cut.Find("#whatif-start").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("utilisation limit must be between 1% and 200%", cut.Find("#whatif-message").TextContent));
        Assert.Empty(_h.WhatIfJobs.Queued);
    }

    [Fact]
    public async Task Render_Running_ShowsPercentAndCancelWhichAsksTheJobToStop()
    {
        var jobId = _h.WhatIfJobs.Enqueue("req", "meera");
        await SaveAsync(Queued(jobId) with { Status = RulesWhatIfStatus.Running, StartedAt = A.Now.AddMinutes(-1), Percent = 42 });
        _h.SignInStaff("ravi", AppRoles.Admin);

        var cut = _h.Render<RulesWhatIfPanel>(p => p.Add(x => x.ProposedRules, () => new RuleSettings()));

        cut.WaitForAssertion(() => Assert.Equal("running", cut.Find("#whatif-status").GetAttribute("data-status")));
        Assert.Contains("42% done", cut.Find("#whatif-status").TextContent);
        Assert.Equal("42", cut.Find("#whatif-progress").GetAttribute("aria-valuenow"));
        Assert.Contains("already running", cut.Find("#whatif-disabled-reason").TextContent);

        await cut.Find("#whatif-cancel").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Cancelling", cut.Find("#whatif-message").TextContent));
        Assert.Equal("ravi", (await StoredAsync())!.CancelRequestedBy);
        Assert.Contains("Cancellation asked by ravi", cut.Find("#whatif-status").TextContent);
        Assert.True(cut.Find("#whatif-cancel").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Poll_RunningBacktestSucceeds_ShowsTheSideBySideTable()
    {
        var jobId = _h.WhatIfJobs.Enqueue("req", "meera");
        await SaveAsync(Queued(jobId) with { Status = RulesWhatIfStatus.Running, Percent = 10 });
        _h.SignInStaff("meera", AppRoles.Admin);
        var cut = _h.Render<RulesWhatIfPanel>(p => p.Add(x => x.ProposedRules, () => new RuleSettings()));
        cut.WaitForAssertion(() => Assert.Equal("running", cut.Find("#whatif-status").GetAttribute("data-status")));
        Assert.Empty(cut.FindAll("#whatif-result"));

        await SaveAsync(Queued(jobId) with { Status = RulesWhatIfStatus.Succeeded, Percent = 100, FinishedAt = A.Now, Result = Result() }, version: 1);
        _h.Clock.Advance(TimeSpan.FromSeconds(2));

        cut.WaitForAssertion(() => Assert.Equal("succeeded", cut.Find("#whatif-status").GetAttribute("data-status")));
        string Cell(string measure, string column) => cut.Find($"[data-measure='{measure}'] [data-column='{column}']").TextContent.Trim();
        Assert.Equal(("240 (12.0%)", "100 (5.0%)"), (Cell("flagged-today-high", "now"), Cell("flagged-today-high", "proposed")));
        Assert.Equal(("118.2", "40.5"), (Cell("high-alerts", "now"), Cell("high-alerts", "proposed")));
        Assert.Contains("−77.7", Cell("high-alerts", "change"));
        Assert.Contains("better", Cell("high-alerts", "change"));
        Assert.Equal(("74.0%", "61.0%"), (Cell("ahead-high", "now"), Cell("ahead-high", "proposed")));
        Assert.Contains("−13.0 pts", Cell("ahead-high", "change"));
        Assert.Contains("worse", Cell("ahead-high", "change"));
        Assert.Equal(("60.7%", "20.0%"), (Cell("false-high", "now"), Cell("false-high", "proposed")));
        Assert.Contains("Never-delinquent customers ever flagged Medium or High", cut.Find("#whatif-result").TextContent);
        Assert.Contains("a fixed sample of 2,000 of the 48,000 stored customers", cut.Find("#whatif-sample").TextContent);
        // Says why "Now" need not equal the Portfolio page's counts (a replay at steps, not the live bands).
        Assert.Contains("\"Now\" is the settings in force replayed the same way", cut.Find("#whatif-sample").TextContent);
        Assert.False(cut.Find("#whatif-start").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_Analyst_SeesTheLastResultButNoButtons()
    {
        await SaveAsync(Queued("1") with { Status = RulesWhatIfStatus.Succeeded, FinishedAt = A.Now, Result = Result() });
        _h.SignInStaff("asha", AppRoles.Analyst);

        var cut = _h.Render<RuleSettingsPage>();

        cut.WaitForAssertion(() => Assert.Equal("succeeded", cut.Find("#whatif-status").GetAttribute("data-status")));
        Assert.NotNull(cut.Find("#whatif-result"));
        Assert.Contains("Only admins", cut.Find("#whatif-readonly-note").TextContent);
        Assert.Empty(cut.FindAll("#whatif-start"));
        Assert.Empty(cut.FindAll("#whatif-cancel"));
        Assert.Empty(cut.FindAll("#whatif-medium-from"));
    }

    [Fact]
    public async Task Render_Cancelled_SaysWhoCancelledAndAllowsAnother()
    {
        await SaveAsync(Queued("1") with { Status = RulesWhatIfStatus.Cancelled, FinishedAt = A.Now, CancelRequestedBy = "ravi", Error = "cancelled by ravi" });
        _h.SignInStaff("meera", AppRoles.Admin);

        var cut = _h.Render<RulesWhatIfPanel>(p => p.Add(x => x.ProposedRules, () => new RuleSettings()));

        cut.WaitForAssertion(() => Assert.Equal("cancelled", cut.Find("#whatif-status").GetAttribute("data-status")));
        Assert.Contains("cancelled by ravi", cut.Find("#whatif-status").TextContent);
        Assert.False(cut.Find("#whatif-start").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("#whatif-cancel"));
    }

    [Fact]
    public void Render_NeverRun_SaysSo()
    {
        _h.SignInStaff("meera", AppRoles.Admin);

        var cut = _h.Render<RulesWhatIfPanel>(p => p.Add(x => x.ProposedRules, () => new RuleSettings()));

        Assert.Equal("none", cut.Find("#whatif-status").GetAttribute("data-status"));
        Assert.Contains("No backtest has been run yet", cut.Find("#whatif-status").TextContent);
    }
}
