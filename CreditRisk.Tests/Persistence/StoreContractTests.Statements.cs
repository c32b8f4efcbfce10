using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Statements_UpsertManyAsync_NewStatement_RoundTripsEveryField()
    {
        Begin();
        var statement = A.Statement("c1");
        var unpaid = A.Statement("c1", new DateOnly(2026, 1, 15)) with
        {
            MinimumDue = null,
            DueDate = null,
            AmountPaid = 0m,
            PaidOn = null,
            DaysPastDue = 45,
        };

        await Store.Statements.UpsertManyAsync([statement, unpaid]);

        var listed = await Store.Statements.ListForCustomerAsync("c1", 10);
        JsonAssert.Equivalent(new[] { unpaid, statement }, listed);
    }

    [SkippableFact]
    public async Task Statements_UpsertManyAsync_SameId_ReplacesTheStatement()
    {
        Begin();
        await Store.Statements.UpsertManyAsync([A.Statement("c1")]);
        var corrected = A.Statement("c1") with { Balance = 1m, DaysPastDue = 30 };

        await Store.Statements.UpsertManyAsync([corrected]);

        JsonAssert.Equivalent(new[] { corrected }, await Store.Statements.ListForCustomerAsync("c1", 10));
        Assert.Equal(1, await Store.Statements.CountAsync());
    }

    [SkippableFact]
    public async Task Statements_ListForCustomerAsync_Take_ReturnsTheMostRecentOldestFirst()
    {
        Begin();
        var dates = Enumerable.Range(0, 6).Select(i => new DateOnly(2025, 12, 15).AddMonths(-i)).ToList();
        await Store.Statements.UpsertManyAsync([.. dates.Select(d => A.Statement("c1", d)), A.Statement("c2", new DateOnly(2026, 1, 15))]);

        var listed = await Store.Statements.ListForCustomerAsync("c1", 3);

        Assert.Equal(
            [new DateOnly(2025, 10, 15), new DateOnly(2025, 11, 15), new DateOnly(2025, 12, 15)],
            listed.Select(s => s.StatementDate));
    }

    [SkippableFact]
    public async Task Statements_ListForCustomerAsync_UnknownCustomer_ReturnsEmpty()
    {
        Begin();
        await Store.Statements.UpsertManyAsync([A.Statement("c1")]);

        Assert.Empty(await Store.Statements.ListForCustomerAsync("c2", 10));
    }

    [SkippableFact]
    public async Task Statements_CountAsync_SeveralCustomers_CountsEveryStatement()
    {
        Begin();
        await Store.Statements.UpsertManyAsync([A.Statement("c1"), A.Statement("c2"), A.Statement("c2", new DateOnly(2026, 1, 15))]);

        Assert.Equal(3, await Store.Statements.CountAsync());
    }
}
