using CreditRisk.Core.Statements;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Persistence;

/// <summary>A stored statement stays pending until the pipeline says it applied that receipt (crash recovery's trace).</summary>
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Statements_UpsertManyAsync_NewStatements_ArePendingUntilMarkedApplied()
    {
        Begin();
        var first = A.Statement("c1", new DateOnly(2026, 1, 15));
        var second = A.Statement("c1");
        await Store.Statements.UpsertManyAsync([first, second, A.Statement("c2")]);

        Assert.Equal(
            [PendingStatement.Of(first), PendingStatement.Of(second)],
            (await Store.Statements.ListPendingAsync(["c1", "nobody"])).OrderBy(p => p.Id, StringComparer.Ordinal));

        await Store.Statements.MarkAppliedAsync([PendingStatement.Of(first), new PendingStatement("nobody:2026-01-15", "nobody", A.Now)]);

        Assert.Equal([PendingStatement.Of(second)], await Store.Statements.ListPendingAsync(["c1"]));
        Assert.Single(await Store.Statements.ListPendingAsync(["c2"]));
    }

    [SkippableFact]
    public async Task Statements_MarkAppliedAsync_ACorrectionReceivedSince_StaysPending()
    {
        Begin();
        var original = A.Statement("c1");
        await Store.Statements.UpsertManyAsync([original]);
        var correction = original with { AmountPaid = 98_765.43m, ReceivedAt = A.Now.AddSeconds(5) };
        await Store.Statements.UpsertManyAsync([correction]);

        // The run that applied the original finishes after the correction was stored: the correction is still owed.
        await Store.Statements.MarkAppliedAsync([PendingStatement.Of(original)]);

        Assert.Equal([PendingStatement.Of(correction)], await Store.Statements.ListPendingAsync(["c1"]));
        await Store.Statements.MarkAppliedAsync([PendingStatement.Of(correction)]);
        Assert.Empty(await Store.Statements.ListPendingAsync(["c1"]));
    }

    [SkippableFact]
    public async Task Statements_ListPendingCustomerIdsAsync_ReturnsDistinctCustomersReceivedBeforeTheCutOffInPages()
    {
        Begin();
        var cutOff = A.Now.AddMinutes(1);
        await Store.Statements.UpsertManyAsync(
        [
            A.Statement("c-b"),
            A.Statement("c-a", new DateOnly(2026, 1, 15)),
            A.Statement("c-a"),
            A.Statement("c-c") with { ReceivedAt = cutOff }, // not before the cut-off
            A.Statement("c-d"),
            A.Statement("c-e"),
        ]);
        await Store.Statements.MarkAppliedAsync([PendingStatement.Of(A.Statement("c-d"))]);

        Assert.Equal(["c-a", "c-b", "c-e"], await Store.Statements.ListPendingCustomerIdsAsync(cutOff, null, 10));
        Assert.Equal(["c-a", "c-b"], await Store.Statements.ListPendingCustomerIdsAsync(cutOff, null, 2));
        Assert.Equal(["c-e"], await Store.Statements.ListPendingCustomerIdsAsync(cutOff, "c-b", 2));
        Assert.Empty(await Store.Statements.ListPendingCustomerIdsAsync(cutOff, "c-e", 2));
    }
}
