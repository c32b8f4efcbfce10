using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Statements;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Risk;

/// <summary>
/// A statement stored but never applied (the process died, or the pipeline failed, between the two) is found by the
/// recovery sweep and applied, as transactions are: a 45-days-past-due statement must not stay out of every score.
/// </summary>
public sealed class StatementRecoveryTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await PipelineHarness.CreateAsync();
        await _h.AddCustomersAsync("c1", "c2");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task RecoverAsync_StatementStoredButNeverApplied_AppliesItOnce()
    {
        await _h.Store.Statements.UpsertManyAsync([PastDue("c1")]);

        var recovered = await RecoverAllAsync();
        var again = await RecoverAllAsync();

        Assert.Equal((1, 0), (recovered, again));
        var profile = await _h.Store.Profiles.GetAsync("c1");
        JsonAssert.Equivalent(ProfileBuilder.Build("c1", [], [PastDue("c1")]), profile! with { Version = 0, UpdatedAt = default });
        Assert.Equal(RiskTriggers.Recovery, (await _h.Store.Assessments.GetLatestAsync("c1"))!.Trigger);
        Assert.Empty(await _h.Store.Statements.ListPendingCustomerIdsAsync(DateTimeOffset.MaxValue, null, 10));
    }

    [Fact]
    public async Task ProcessStatementsAsync_StoredStatements_MarksThemApplied()
    {
        var batch = new[] { PastDue("c1"), PastDue("c2") };
        await _h.Store.Statements.UpsertManyAsync(batch);

        await _h.Pipeline.ProcessStatementsAsync(batch);

        Assert.Empty(await _h.Store.Statements.ListPendingAsync(["c1", "c2"]));
        Assert.Equal(0, await RecoverAllAsync());
    }

    [Fact]
    public async Task ProcessStatementsAsync_CorrectionStoredWhileTheOriginalWasApplied_LeavesTheCorrectionPending()
    {
        var original = PastDue("c1");
        await _h.Store.Statements.UpsertManyAsync([original]);
        var correction = original with { DaysPastDue = 0, AmountPaid = 9_000m, ReceivedAt = original.ReceivedAt.AddSeconds(1) };

        // The original's run marks what it applied; the correction, stored after that run read the store, is still owed.
        await _h.Pipeline.ProcessStatementsAsync([original]);
        await _h.Store.Statements.UpsertManyAsync([correction]);
        await _h.Store.Statements.MarkAppliedAsync([PendingStatement.Of(original)]);

        Assert.Equal([PendingStatement.Of(correction)], await _h.Store.Statements.ListPendingAsync(["c1"]));
        Assert.Equal(1, await RecoverAllAsync());
        Assert.Equal(9_000m, (await _h.Store.Profiles.GetAsync("c1"))!.Cycles.Single().AmountPaid);
    }

    [Fact]
    public async Task RebuildProfileAsync_PendingStatement_MarksItApplied()
    {
        await _h.Store.Statements.UpsertManyAsync([PastDue("c1")]);

        await _h.Pipeline.RebuildProfileAsync("c1");

        Assert.Empty(await _h.Store.Statements.ListPendingAsync(["c1"]));
    }

    private Task<int> RecoverAllAsync() => new PendingRecovery(
        _h.Store,
        _h.NewInstance(),
        new TransactionsInFlight(),
        Options.Create(new RiskPipelineOptions { RecoveryGraceSeconds = 0 }),
        _h.Time,
        NullLogger<PendingRecovery>.Instance).RecoverAsync(DateTimeOffset.MaxValue);

    private static Statement PastDue(string customerId) => A.Statement(customerId, new DateOnly(2026, 2, 1)) with
    {
        CreditLimit = 10_000m,
        Balance = 9_000m,
        MinimumDue = 450m,
        AmountPaid = 0m,
        PaidOn = null,
        DaysPastDue = 45,
        ReceivedAt = PipelineHarness.Start,
    };
}
