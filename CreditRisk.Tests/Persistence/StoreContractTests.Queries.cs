using CreditRisk.Core.Audit;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Persistence;

/// <summary>Paged, filtered reads behind the admin console (transactions grid, audit log).</summary>
public abstract partial class StoreContractTests
{
    private async Task SeedQueryTransactionsAsync()
    {
        await Store.Transactions.InsertNewAsync(
        [
            A.Transaction("t1", at: A.Now.AddDays(-3)),
            A.Transaction("t2", at: A.Now.AddDays(-2), type: TransactionType.CashWithdrawal),
            A.Transaction("t3", at: A.Now.AddDays(-1)),
            A.Transaction("t4", at: A.Now, type: TransactionType.Payment),
            A.Transaction("t5", at: A.Now.AddDays(-1)),
            A.Transaction("other", customerId: "cust-2", at: A.Now),
        ]);
    }

    [SkippableFact]
    public async Task Transactions_QueryForCustomerAsync_NoFilter_PagesNewestFirstWithTotal()
    {
        Begin();
        await SeedQueryTransactionsAsync();

        var first = await Store.Transactions.QueryForCustomerAsync("cust-1", TransactionFilter.None, 0, 2);
        var second = await Store.Transactions.QueryForCustomerAsync("cust-1", TransactionFilter.None, 2, 2);
        var last = await Store.Transactions.QueryForCustomerAsync("cust-1", TransactionFilter.None, 4, 2);

        Assert.Equal(5, first.Total);
        Assert.Equal(["t4", "t5"], first.Items.Select(t => t.Id));
        Assert.Equal(["t3", "t2"], second.Items.Select(t => t.Id));
        Assert.Equal(["t1"], last.Items.Select(t => t.Id));
    }

    [SkippableFact]
    public async Task Transactions_QueryForCustomerAsync_TypeAndTimeFilters_ReturnOnlyMatchesAndTheirCount()
    {
        Begin();
        await SeedQueryTransactionsAsync();

        var purchases = await Store.Transactions.QueryForCustomerAsync(
            "cust-1", new TransactionFilter { Type = TransactionType.Purchase }, 0, 10);
        var window = await Store.Transactions.QueryForCustomerAsync(
            "cust-1", new TransactionFilter { From = A.Now.AddDays(-2), To = A.Now }, 0, 10);
        var both = await Store.Transactions.QueryForCustomerAsync(
            "cust-1", new TransactionFilter { Type = TransactionType.CashWithdrawal, From = A.Now.AddDays(-2) }, 0, 10);

        Assert.Equal(3, purchases.Total);
        Assert.Equal(["t5", "t3", "t1"], purchases.Items.Select(t => t.Id));
        Assert.Equal(3, window.Total);
        Assert.Equal(["t5", "t3", "t2"], window.Items.Select(t => t.Id));
        Assert.Equal(1, both.Total);
        Assert.Equal(["t2"], both.Items.Select(t => t.Id));
    }

    [SkippableFact]
    public async Task Transactions_QueryForCustomerAsync_EmptyWindowOrUnknownCustomer_ReturnsNothing()
    {
        Begin();
        await SeedQueryTransactionsAsync();

        var inverted = await Store.Transactions.QueryForCustomerAsync(
            "cust-1", new TransactionFilter { From = A.Now, To = A.Now.AddDays(-1) }, 0, 10);
        var unknown = await Store.Transactions.QueryForCustomerAsync("nobody", TransactionFilter.None, 0, 10);

        Assert.Equal(0, inverted.Total);
        Assert.Empty(inverted.Items);
        Assert.Equal(0, unknown.Total);
        Assert.Empty(unknown.Items);
    }

    [SkippableFact]
    public async Task Audit_QueryAsync_ActorAndPrefix_ReturnsOnlyMatchingEntriesNewestFirst()
    {
        Begin();
        await Store.Audit.AddAsync(A.AuditEntry("a1", A.Now, "rules.thresholds.changed") with { Actor = "alice" });
        await Store.Audit.AddAsync(A.AuditEntry("a2", A.Now.AddMinutes(1), "apikey.created") with { Actor = "alice" });
        await Store.Audit.AddAsync(A.AuditEntry("a3", A.Now.AddMinutes(2), "rules.thresholds.changed") with { Actor = "bob" });
        await Store.Audit.AddAsync(A.AuditEntry("a4", A.Now.AddMinutes(3), "rules.thresholds.changed") with { Actor = "alice" });
        await Store.Audit.AddAsync(A.AuditEntry("a5", A.Now.AddMinutes(4), "apikey.revoked") with { Actor = "Alice" });

        Assert.Equal(["a4", "a2", "a1"], (await Store.Audit.QueryAsync(new AuditQuery { Actor = "alice" }, 0, 10)).Select(e => e.Id));
        Assert.Equal(["a2"], (await Store.Audit.QueryAsync(new AuditQuery { Actor = "alice" }, 1, 1)).Select(e => e.Id));
        Assert.Equal(["a4", "a1"], (await Store.Audit.QueryAsync(new AuditQuery { Actor = "alice", ActionPrefix = "rules." }, 0, 10)).Select(e => e.Id));
        Assert.Equal(["a4", "a3", "a1"], (await Store.Audit.QueryAsync(new AuditQuery { ActionPrefix = "rules." }, 0, 10)).Select(e => e.Id));
        Assert.Equal(5, (await Store.Audit.QueryAsync(new AuditQuery(), 0, 10)).Count);
        Assert.Empty(await Store.Audit.QueryAsync(new AuditQuery { Actor = "carol" }, 0, 10));
    }

    [SkippableFact]
    public async Task Assessments_CountCurrentByRuleAsync_CountsOnlyEachCustomersCurrentHits()
    {
        Begin();
        static RiskAssessment With(string id, string customer, DateTimeOffset at, params string[] rules) =>
            A.Assessment(id, customer, at) with { RuleHits = [.. rules.Select(r => new RuleHit(r, RiskBand.High, r))] };
        await Store.Assessments.AddManyAsync(
        [
            With("ra-1", "cust-1", A.Now.AddDays(-1), "utilisation-high", "spend-drop"),
            With("ra-2", "cust-1", A.Now, "utilisation-high"),
            With("ra-3", "cust-2", A.Now, "utilisation-high", "cash-withdrawal-high"),
            With("ra-4", "cust-3", A.Now),
        ]);

        var counts = await Store.Assessments.CountCurrentByRuleAsync(["utilisation-high", "spend-drop", "cash-withdrawal-high", "merchant-mix-crash"]);

        Assert.Equal(2, counts["utilisation-high"]);
        Assert.Equal(0, counts["spend-drop"]);
        Assert.Equal(1, counts["cash-withdrawal-high"]);
        Assert.Equal(0, counts["merchant-mix-crash"]);
        Assert.Equal(["utilisation-high"], (await Store.Assessments.GetCurrentManyAsync(["cust-1"]))["cust-1"].RuleIds);
    }
}
