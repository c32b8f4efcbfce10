using CreditRisk.Core.Identity;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Users_TryCreateAsync_NewUser_StoresEveryField()
    {
        Begin();
        var user = A.User("u1", "asha") with { WelcomeSentAt = A.Now };

        Assert.True(await Store.Users.TryCreateAsync(user));

        JsonAssert.Equivalent(user, await Store.Users.FindByIdAsync("u1"));
    }

    [SkippableFact]
    public async Task Users_TryCreateAsync_MinimalUser_RoundTripsNullsAndEmptyRoles()
    {
        Begin();
        var user = new AppUser { Id = "u1", UserName = "+15550001", NormalizedUserName = "+15550001", CreatedAt = A.Now };

        Assert.True(await Store.Users.TryCreateAsync(user));

        JsonAssert.Equivalent(user, await Store.Users.FindByIdAsync("u1"));
    }

    [SkippableFact]
    public async Task Users_TryCreateAsync_NormalizedUserNameTaken_ReturnsFalseAndStoresNothing()
    {
        Begin();
        await Store.Users.TryCreateAsync(A.User("u1", "asha"));

        Assert.False(await Store.Users.TryCreateAsync(A.User("u2", "Asha")));

        Assert.Null(await Store.Users.FindByIdAsync("u2"));
    }

    [SkippableFact]
    public async Task Users_TryCreateAsync_DuplicateId_ReturnsFalse()
    {
        Begin();
        await Store.Users.TryCreateAsync(A.User("u1", "asha"));

        Assert.False(await Store.Users.TryCreateAsync(A.User("u1", "ravi")));

        Assert.Equal("asha", (await Store.Users.FindByIdAsync("u1"))!.UserName);
    }

    [SkippableFact]
    public async Task Users_TryCreateAsync_ConcurrentSignUpsForOneName_CreateOneUser()
    {
        Begin(StoreCapability.ConcurrentWriters);

        var results = await RaceAsync(20, i => Store.Users.TryCreateAsync(A.User($"u{i}", "asha")));

        Assert.Single(results, created => created);
    }

    [SkippableFact]
    public async Task Users_TryUpdateAsync_MatchingStamp_ReplacesTheUser()
    {
        Begin();
        await Store.Users.TryCreateAsync(A.User("u1", "asha"));
        var updated = A.User("u1", "asha.v") with { ConcurrencyStamp = "stamp-2", AccessFailedCount = 0, Roles = ["CUSTOMER"], LockoutEnd = null };

        Assert.True(await Store.Users.TryUpdateAsync(updated, "stamp-1"));

        JsonAssert.Equivalent(updated, await Store.Users.FindByIdAsync("u1"));
        Assert.Null(await Store.Users.FindByNormalizedUserNameAsync("ASHA"));
        Assert.Equal("u1", (await Store.Users.FindByNormalizedUserNameAsync("ASHA.V"))?.Id);
    }

    [SkippableFact]
    public async Task Users_TryUpdateAsync_StaleStamp_ReturnsFalseAndKeepsTheStoredUser()
    {
        Begin();
        await Store.Users.TryCreateAsync(A.User("u1", "asha"));
        await Store.Users.TryUpdateAsync(A.User("u1", "asha") with { ConcurrencyStamp = "stamp-2", AccessFailedCount = 5 }, "stamp-1");

        var updated = await Store.Users.TryUpdateAsync(A.User("u1", "asha") with { ConcurrencyStamp = "stamp-3", AccessFailedCount = 0 }, "stamp-1");

        Assert.False(updated);
        var stored = (await Store.Users.FindByIdAsync("u1"))!;
        Assert.Equal(5, stored.AccessFailedCount);
        Assert.Equal("stamp-2", stored.ConcurrencyStamp);
    }

    [SkippableFact]
    public async Task Users_TryUpdateAsync_UserNameTakenByAnother_ReturnsFalse()
    {
        Begin();
        await Store.Users.TryCreateAsync(A.User("u1", "asha"));
        await Store.Users.TryCreateAsync(A.User("u2", "ravi"));

        var updated = await Store.Users.TryUpdateAsync(A.User("u2", "asha") with { ConcurrencyStamp = "stamp-2" }, "stamp-1");

        Assert.False(updated);
        Assert.Equal("u1", (await Store.Users.FindByNormalizedUserNameAsync("ASHA"))?.Id);
        Assert.Equal("ravi", (await Store.Users.FindByIdAsync("u2"))!.UserName);
    }

    [SkippableFact]
    public async Task Users_TryUpdateAsync_UnknownUser_ReturnsFalse()
    {
        Begin();

        Assert.False(await Store.Users.TryUpdateAsync(A.User("u1"), "stamp-1"));

        Assert.Null(await Store.Users.FindByIdAsync("u1"));
    }

    [SkippableFact]
    public async Task Users_TryUpdateAsync_CopyReadBeforeTheWelcomeClaim_KeepsWelcomeSentAt()
    {
        Begin();
        await Store.Users.TryCreateAsync(A.User("u1"));
        var readBeforeClaim = (await Store.Users.FindByIdAsync("u1"))!;
        await Store.Users.TryClaimWelcomeAsync("u1", A.Now.AddMinutes(1));

        Assert.True(await Store.Users.TryUpdateAsync(readBeforeClaim with { ConcurrencyStamp = "stamp-2", AccessFailedCount = 0 }, "stamp-1"));

        var stored = (await Store.Users.FindByIdAsync("u1"))!;
        Assert.Equal(A.Now.AddMinutes(1), stored.WelcomeSentAt);
        Assert.Equal(0, stored.AccessFailedCount);
        Assert.False(await Store.Users.TryClaimWelcomeAsync("u1", A.Now.AddMinutes(2)));
    }

    [SkippableFact]
    public async Task Users_DeleteAsync_ExistingUser_RemovesItAndFreesTheName()
    {
        Begin();
        await Store.Users.TryCreateAsync(A.User("u1", "asha"));

        await Store.Users.DeleteAsync("u1");

        Assert.Null(await Store.Users.FindByIdAsync("u1"));
        Assert.True(await Store.Users.TryCreateAsync(A.User("u2", "asha")));
    }

    [SkippableFact]
    public async Task Users_FindByPhoneAsync_SeveralAccountsHoldTheNumber_TheEarliestCreatedThenLowestIdWins()
    {
        // A number the bank moved can sit on two accounts until the old one is reassigned; every store answers alike.
        Begin();
        await Store.Users.TryCreateAsync(A.User("u3", "c") with { PhoneNumber = "+15550001", CreatedAt = A.Now.AddDays(-1) });
        await Store.Users.TryCreateAsync(A.User("u2", "b") with { PhoneNumber = "+15550001", CreatedAt = A.Now.AddDays(-2) });
        await Store.Users.TryCreateAsync(A.User("u1", "a") with { PhoneNumber = "+15550001", CreatedAt = A.Now.AddDays(-2) });

        Assert.Equal("u1", (await Store.Users.FindByPhoneAsync("+15550001"))?.Id);
    }

    [SkippableFact]
    public async Task Users_FindByAsync_Lookups_FindTheRightUserOrNull()
    {
        Begin();
        await Store.Users.TryCreateAsync(A.User("u1", "asha") with { PhoneNumber = "+15550001" });
        await Store.Users.TryCreateAsync(A.User("u2", "ravi") with { PhoneNumber = "+15550002" });
        await Store.Users.TryCreateAsync(A.User("u3", "+15550003") with { Email = null, NormalizedEmail = null, PhoneNumber = "+15550003" });

        Assert.Equal("u2", (await Store.Users.FindByNormalizedUserNameAsync("RAVI"))?.Id);
        Assert.Equal("u1", (await Store.Users.FindByNormalizedEmailAsync("ASHA@BANK.TEST"))?.Id);
        Assert.Equal("u3", (await Store.Users.FindByPhoneAsync("+15550003"))?.Id);
        Assert.Null(await Store.Users.FindByNormalizedUserNameAsync("asha"));
        Assert.Null(await Store.Users.FindByNormalizedEmailAsync("NOBODY@BANK.TEST"));
        Assert.Null(await Store.Users.FindByPhoneAsync("+15559999"));
        Assert.Null(await Store.Users.FindByIdAsync("u9"));
    }

    [SkippableFact]
    public async Task Users_ListInRoleAsync_Role_ReturnsOnlyItsMembers()
    {
        Begin();
        await Store.Users.TryCreateAsync(A.User("u1", "asha") with { Roles = ["ADMIN", "ANALYST"] });
        await Store.Users.TryCreateAsync(A.User("u2", "ravi") with { Roles = ["ANALYST"] });
        await Store.Users.TryCreateAsync(A.User("u3", "meera") with { Roles = ["CUSTOMER"] });
        await Store.Users.TryCreateAsync(A.User("u4", "john") with { Roles = [] });

        var analysts = await Store.Users.ListInRoleAsync("ANALYST");

        Assert.Equal(["u1", "u2"], analysts.Select(u => u.Id).Order(StringComparer.Ordinal));
        Assert.Empty(await Store.Users.ListInRoleAsync("AUDITOR"));
    }

    [SkippableFact]
    public async Task Users_TryClaimWelcomeAsync_TwentyConcurrentCallers_ExactlyOneWins()
    {
        Begin(StoreCapability.ConcurrentWriters);
        await Store.Users.TryCreateAsync(A.User("u1"));

        var results = await RaceAsync(20, i => Store.Users.TryClaimWelcomeAsync("u1", A.Now.AddSeconds(i)));

        var winner = Assert.Single(Enumerable.Range(0, 20), i => results[i]);
        Assert.Equal(A.Now.AddSeconds(winner), (await Store.Users.FindByIdAsync("u1"))!.WelcomeSentAt);
    }

    [SkippableFact]
    public async Task Users_TryClaimWelcomeAsync_AlreadyClaimed_ReturnsFalseAndKeepsTheFirstTime()
    {
        Begin();
        await Store.Users.TryCreateAsync(A.User("u1"));

        Assert.True(await Store.Users.TryClaimWelcomeAsync("u1", A.Now));
        Assert.False(await Store.Users.TryClaimWelcomeAsync("u1", A.Now.AddDays(1)));

        var stored = (await Store.Users.FindByIdAsync("u1"))!;
        Assert.Equal(A.Now, stored.WelcomeSentAt);
        JsonAssert.Equivalent(A.User("u1") with { WelcomeSentAt = A.Now }, stored);
    }

    [SkippableFact]
    public async Task Users_TryClaimWelcomeAsync_UnknownUser_ReturnsFalse()
    {
        Begin();

        Assert.False(await Store.Users.TryClaimWelcomeAsync("nobody", A.Now));
    }
}
