using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Audit_AddAsync_Entry_RoundTripsEveryField()
    {
        Begin();
        var full = A.AuditEntry("a1");
        var minimal = A.AuditEntry("a2", A.Now.AddMinutes(-1), "auth.signin.failed") with { Target = null, OldValue = null, NewValue = null, Details = null };

        await Store.Audit.AddAsync(full);
        await Store.Audit.AddAsync(minimal);

        JsonAssert.Equivalent(new[] { full, minimal }, await Store.Audit.ListAsync(null, 0, 10));
    }

    [SkippableFact]
    public async Task Audit_AddAsync_EmptyAndWhitespaceStrings_RoundTripUnchanged()
    {
        Begin();
        var entry = A.AuditEntry("a1") with { Target = "", OldValue = " ", NewValue = "  padded value  ", Details = "line one\nline two\n" };

        await Store.Audit.AddAsync(entry);

        JsonAssert.Equivalent(new[] { entry }, await Store.Audit.ListAsync(null, 0, 10));
    }

    [SkippableFact]
    public async Task Audit_ListAsync_SkipTake_PagesNewestFirst()
    {
        Begin();
        foreach (var i in new[] { 3, 0, 4, 1, 2 })
        {
            await Store.Audit.AddAsync(A.AuditEntry($"a{i}", A.Now.AddMinutes(i)));
        }

        Assert.Equal(["a4", "a3"], (await Store.Audit.ListAsync(null, 0, 2)).Select(e => e.Id));
        Assert.Equal(["a2", "a1"], (await Store.Audit.ListAsync(null, 2, 2)).Select(e => e.Id));
        Assert.Equal(["a0"], (await Store.Audit.ListAsync(null, 4, 2)).Select(e => e.Id));
    }

    [SkippableFact]
    public async Task Audit_ListAsync_EntriesAtTheSameMoment_PagedByIdDescending()
    {
        Begin();
        foreach (var i in new[] { 3, 0, 4, 1, 2 })
        {
            await Store.Audit.AddAsync(A.AuditEntry($"a{i}", A.Now));
        }

        var paged = new List<string>();
        for (var skip = 0; skip < 5; skip += 2)
        {
            paged.AddRange((await Store.Audit.ListAsync(null, skip, 2)).Select(e => e.Id));
        }

        Assert.Equal(["a4", "a3", "a2", "a1", "a0"], paged);
    }

    [SkippableFact]
    public async Task Audit_ListAsync_ActionPrefix_ReturnsOnlyMatchingActionsNewestFirst()
    {
        Begin();
        await Store.Audit.AddAsync(A.AuditEntry("a1", A.Now, "rules.threshold.changed"));
        await Store.Audit.AddAsync(A.AuditEntry("a2", A.Now.AddMinutes(1), "auth.signin.failed"));
        await Store.Audit.AddAsync(A.AuditEntry("a3", A.Now.AddMinutes(2), "rules.enabled"));
        await Store.Audit.AddAsync(A.AuditEntry("a4", A.Now.AddMinutes(3), "rulesets.imported"));
        await Store.Audit.AddAsync(A.AuditEntry("a5", A.Now.AddMinutes(4), "models.promoted"));

        Assert.Equal(["a3", "a1"], (await Store.Audit.ListAsync("rules.", 0, 10)).Select(e => e.Id));
        Assert.Equal(["a4", "a3", "a1"], (await Store.Audit.ListAsync("rules", 0, 10)).Select(e => e.Id));
        Assert.Equal(["a1"], (await Store.Audit.ListAsync("rules.", 1, 10)).Select(e => e.Id));
        Assert.Empty(await Store.Audit.ListAsync("jobs.", 0, 10));
    }
}
