using CreditRisk.Core.Alerts;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Alerts_TryAddAsync_NewAlert_StoresEveryField()
    {
        Begin();
        var alert = A.Alert("al-1", escalationKey: "ra-1") with { FailedAt = A.Now.AddDays(1), Status = AlertStatus.Failed };

        Assert.True(await Store.Alerts.TryAddAsync(alert));

        JsonAssert.Equivalent(alert, await Store.Alerts.GetAsync("al-1"));
    }

    [SkippableFact]
    public async Task Alerts_TryAddAsync_MinimalAlert_RoundTripsNullsAsNull()
    {
        Begin();
        var alert = new Alert
        {
            Id = "al-1",
            CustomerId = "c1",
            Reason = "Manual outreach",
            TemplateName = "hello_world",
            TriggeredBy = "admin",
            CreatedAt = A.Now,
            UpdatedAt = A.Now,
        };

        Assert.True(await Store.Alerts.TryAddAsync(alert));

        JsonAssert.Equivalent(alert, await Store.Alerts.GetAsync("al-1"));
    }

    [SkippableFact]
    public async Task Alerts_TryAddAsync_SameEscalationKeyTwice_SecondReturnsFalseAndStoresNothing()
    {
        Begin();
        Assert.True(await Store.Alerts.TryAddAsync(A.Alert("al-1", escalationKey: "ra-7")));

        var added = await Store.Alerts.TryAddAsync(A.Alert("al-2", escalationKey: "ra-7"));

        Assert.False(added);
        Assert.Null(await Store.Alerts.GetAsync("al-2"));
        Assert.Single(await Store.Alerts.ListForCustomerAsync("cust-1", 10));
    }

    [SkippableFact]
    public async Task Alerts_TryAddAsync_NullEscalationKeys_StoresEveryAlert()
    {
        Begin();

        Assert.True(await Store.Alerts.TryAddAsync(A.Alert("al-1", escalationKey: null)));
        Assert.True(await Store.Alerts.TryAddAsync(A.Alert("al-2", escalationKey: null)));
        Assert.True(await Store.Alerts.TryAddAsync(A.Alert("al-3", escalationKey: "ra-1")));

        Assert.Equal(3, (await Store.Alerts.ListForCustomerAsync("cust-1", 10)).Count);
    }

    [SkippableFact]
    public async Task Alerts_TryAddAsync_DuplicateId_ReturnsFalseAndKeepsTheFirst()
    {
        Begin();
        await Store.Alerts.TryAddAsync(A.Alert("al-1") with { Reason = "first" });

        var added = await Store.Alerts.TryAddAsync(A.Alert("al-1") with { Reason = "second" });

        Assert.False(added);
        Assert.Equal("first", (await Store.Alerts.GetAsync("al-1"))!.Reason);
    }

    [SkippableFact]
    public async Task Alerts_TryAddAsync_ConcurrentEscalations_StoreOneAlert()
    {
        Begin(StoreCapability.ConcurrentWriters);

        var results = await RaceAsync(20, i => Store.Alerts.TryAddAsync(A.Alert($"al-{i}", escalationKey: "ra-1")));

        Assert.Single(results, added => added);
        Assert.Single(await Store.Alerts.ListForCustomerAsync("cust-1", 50));
    }

    [SkippableFact]
    public async Task Alerts_TryAddManyAsync_MixedBatch_StoresOnlyAlertsWhoseIdAndKeyAreFreeFirstOneWinning()
    {
        Begin();
        await Store.Alerts.TryAddAsync(A.Alert("al-stored", escalationKey: "ra-stored") with { Reason = "stored" });

        var added = await Store.Alerts.TryAddManyAsync(
        [
            A.Alert("al-1", escalationKey: "ra-1") with { Reason = "new" },
            A.Alert("al-2", escalationKey: "ra-stored"),
            A.Alert("al-stored", escalationKey: "ra-2"),
            A.Alert("al-3", escalationKey: "ra-1") with { Reason = "repeat of the key" },
            A.Alert("al-1", escalationKey: "ra-4") with { Reason = "repeat of the id" },
            A.Alert("al-5", escalationKey: null),
            A.Alert("al-6", escalationKey: null),
        ]);

        Assert.Equal(["al-1", "al-5", "al-6"], added.Order(StringComparer.Ordinal));
        Assert.Equal("new", (await Store.Alerts.GetAsync("al-1"))!.Reason);
        Assert.Equal("stored", (await Store.Alerts.GetAsync("al-stored"))!.Reason);
        Assert.Null(await Store.Alerts.GetAsync("al-2"));
        Assert.Null(await Store.Alerts.GetAsync("al-3"));
        Assert.Equal(4, (await Store.Alerts.ListForCustomerAsync("cust-1", 10)).Count);
    }

    [SkippableFact]
    public async Task Alerts_TryAddManyAsync_EmptyList_StoresNothing()
    {
        Begin();

        Assert.Empty(await Store.Alerts.TryAddManyAsync([]));
        Assert.Empty(await Store.Alerts.ListForCustomerAsync("cust-1", 10));
    }

    [SkippableFact]
    public async Task Alerts_GetAsync_UnknownId_ReturnsNull()
    {
        Begin();

        Assert.Null(await Store.Alerts.GetAsync("nope"));
    }

    [SkippableFact]
    public async Task Alerts_FindByProviderMessageIdAsync_KnownId_ReturnsThatAlert()
    {
        Begin();
        await Store.Alerts.TryAddAsync(A.Alert("al-1") with { ProviderMessageId = "wamid.AAA" });
        await Store.Alerts.TryAddAsync(A.Alert("al-2") with { ProviderMessageId = "wamid.BBB" });
        await Store.Alerts.TryAddAsync(A.Alert("al-3") with { ProviderMessageId = null });

        Assert.Equal("al-2", (await Store.Alerts.FindByProviderMessageIdAsync("wamid.BBB"))?.Id);
        Assert.Null(await Store.Alerts.FindByProviderMessageIdAsync("wamid.CCC"));
    }

    [SkippableFact]
    public async Task Alerts_TryUpdateAsync_ExpectedStillCurrent_ReplacesTheAlert()
    {
        Begin();
        var pending = A.Alert("al-1", status: AlertStatus.Pending) with { Attempts = 0, SentAt = null };
        await Store.Alerts.TryAddAsync(pending);
        var sent = pending with { Status = AlertStatus.Sent, Attempts = 1, SentAt = A.Now.AddMinutes(2), ProviderMessageId = "wamid.X" };

        Assert.True(await Store.Alerts.TryUpdateAsync(sent, pending));

        JsonAssert.Equivalent(sent, await Store.Alerts.GetAsync("al-1"));
        Assert.Equal("al-1", (await Store.Alerts.FindByProviderMessageIdAsync("wamid.X"))?.Id);
    }

    [SkippableFact]
    public async Task Alerts_TryUpdateAsync_StatusChangedMeanwhile_ReturnsFalseAndKeepsTheStoredAlert()
    {
        Begin();
        var pending = A.Alert("al-1", status: AlertStatus.Pending) with { Attempts = 0 };
        await Store.Alerts.TryAddAsync(pending);
        var sent = pending with { Status = AlertStatus.Sent };
        await Store.Alerts.TryUpdateAsync(sent, pending);

        var updated = await Store.Alerts.TryUpdateAsync(pending with { Status = AlertStatus.Failed }, pending);

        Assert.False(updated);
        Assert.Equal(AlertStatus.Sent, (await Store.Alerts.GetAsync("al-1"))!.Status);
    }

    [SkippableFact]
    public async Task Alerts_TryUpdateAsync_AttemptsChangedMeanwhile_ReturnsFalse()
    {
        Begin();
        var pending = A.Alert("al-1", status: AlertStatus.Pending) with { Attempts = 0 };
        await Store.Alerts.TryAddAsync(pending);
        await Store.Alerts.TryUpdateAsync(pending with { Attempts = 1 }, pending);

        var updated = await Store.Alerts.TryUpdateAsync(pending with { Attempts = 1, FailureReason = "retry" }, pending);

        Assert.False(updated);
        Assert.Equal(A.Alert("al-1").FailureReason, (await Store.Alerts.GetAsync("al-1"))!.FailureReason);
    }

    [SkippableFact]
    public async Task Alerts_TryUpdateAsync_UnknownAlert_ReturnsFalseAndStoresNothing()
    {
        Begin();
        var ghost = A.Alert("ghost");

        Assert.False(await Store.Alerts.TryUpdateAsync(ghost with { Status = AlertStatus.Sent }, ghost));

        Assert.Null(await Store.Alerts.GetAsync("ghost"));
    }

    [SkippableFact]
    public async Task Alerts_TryUpdateAsync_ConcurrentUpdatesFromOneState_ExactlyOneWins()
    {
        Begin(StoreCapability.ConcurrentWriters);
        var pending = A.Alert("al-1", status: AlertStatus.Pending) with { Attempts = 0 };
        await Store.Alerts.TryAddAsync(pending);

        var results = await RaceAsync(20, i => Store.Alerts.TryUpdateAsync(
            pending with { Status = AlertStatus.Sent, Attempts = 1, ProviderMessageId = $"wamid.{i}" }, pending));

        Assert.Single(results, updated => updated);
        Assert.Equal(1, (await Store.Alerts.GetAsync("al-1"))!.Attempts);
    }

    [SkippableFact]
    public async Task Alerts_ListByStatusAsync_StatusAndCutoff_ReturnsOlderAlertsOfThatStatusOldestFirst()
    {
        Begin();
        var cutoff = A.Now;
        await Store.Alerts.TryAddAsync(A.Alert("p-new", createdAt: cutoff.AddMinutes(-1), status: AlertStatus.Pending));
        await Store.Alerts.TryAddAsync(A.Alert("p-at-cutoff", createdAt: cutoff, status: AlertStatus.Pending));
        await Store.Alerts.TryAddAsync(A.Alert("p-old", createdAt: cutoff.AddHours(-3), status: AlertStatus.Pending));
        await Store.Alerts.TryAddAsync(A.Alert("s-old", createdAt: cutoff.AddHours(-5), status: AlertStatus.Sent));
        await Store.Alerts.TryAddAsync(A.Alert("p-mid", createdAt: cutoff.AddHours(-2), status: AlertStatus.Pending, escalationKey: "e1"));

        var pending = await Store.Alerts.ListByStatusAsync(AlertStatus.Pending, cutoff, 10);
        var limited = await Store.Alerts.ListByStatusAsync(AlertStatus.Pending, cutoff, 2);

        Assert.Equal(["p-old", "p-mid", "p-new"], pending.Select(a => a.Id));
        Assert.Equal(["p-old", "p-mid"], limited.Select(a => a.Id));
    }

    [SkippableFact]
    public async Task Alerts_ListByStatusAsync_CutOffWithinTheMillisecondAfterCreation_IncludesTheAlert()
    {
        Begin();
        Assert.True(await Store.Alerts.TryAddAsync(A.Alert("al-1", "c1", A.Now)));

        // Created at A.Now (a whole millisecond), so strictly before A.Now + 0.5 ms.
        Assert.Equal(["al-1"], (await Store.Alerts.ListByStatusAsync(AlertStatus.Pending, A.Now.AddTicks(5_000), 10)).Select(a => a.Id));
        Assert.Empty(await Store.Alerts.ListByStatusAsync(AlertStatus.Pending, A.Now, 10));
    }

    [SkippableFact]
    public async Task Alerts_ListByStatusAsync_After_ReturnsTheNextPageIncludingTiesOnTheCreationTime()
    {
        Begin();
        var cutoff = A.Now;
        var tie = cutoff.AddHours(-2);
        await Store.Alerts.TryAddAsync(A.Alert("p-1", createdAt: cutoff.AddHours(-3), status: AlertStatus.Pending));
        await Store.Alerts.TryAddAsync(A.Alert("p-2a", createdAt: tie, status: AlertStatus.Pending));
        await Store.Alerts.TryAddAsync(A.Alert("p-2b", createdAt: tie, status: AlertStatus.Pending));
        await Store.Alerts.TryAddAsync(A.Alert("p-2c", createdAt: tie, status: AlertStatus.Pending));
        await Store.Alerts.TryAddAsync(A.Alert("s-3", createdAt: cutoff.AddHours(-1), status: AlertStatus.Sent));
        await Store.Alerts.TryAddAsync(A.Alert("p-4", createdAt: cutoff.AddMinutes(-1), status: AlertStatus.Pending));
        await Store.Alerts.TryAddAsync(A.Alert("p-late", createdAt: cutoff, status: AlertStatus.Pending));

        var pages = new List<string[]>();
        Alert? last = null;
        do
        {
            var page = await Store.Alerts.ListByStatusAsync(AlertStatus.Pending, cutoff, 2, last);
            pages.Add([.. page.Select(a => a.Id)]);
            last = page.Count == 2 ? page[^1] : null;
        }
        while (last is not null);

        Assert.Equal([["p-1", "p-2a"], ["p-2b", "p-2c"], ["p-4"]], pages);
    }

    [SkippableFact]
    public async Task Alerts_ListByStatusAsync_AfterAStatusChange_FindsTheAlertUnderItsNewStatus()
    {
        Begin();
        var pending = A.Alert("al-1", createdAt: A.Now.AddHours(-1), status: AlertStatus.Pending);
        await Store.Alerts.TryAddAsync(pending);

        await Store.Alerts.TryUpdateAsync(pending with { Status = AlertStatus.Delivered }, pending);

        Assert.Empty(await Store.Alerts.ListByStatusAsync(AlertStatus.Pending, A.Now, 10));
        Assert.Equal(["al-1"], (await Store.Alerts.ListByStatusAsync(AlertStatus.Delivered, A.Now, 10)).Select(a => a.Id));
    }

    [SkippableFact]
    public async Task Alerts_ListForCustomerAsync_Take_ReturnsThatCustomersNewestFirst()
    {
        Begin();
        for (var i = 0; i < 5; i++)
        {
            await Store.Alerts.TryAddAsync(A.Alert($"al-{i}", createdAt: A.Now.AddDays(i)));
        }

        await Store.Alerts.TryAddAsync(A.Alert("other", customerId: "cust-10", createdAt: A.Now.AddDays(9)));

        var listed = await Store.Alerts.ListForCustomerAsync("cust-1", 3);

        Assert.Equal(["al-4", "al-3", "al-2"], listed.Select(a => a.Id));
    }

    [SkippableFact]
    public async Task Alerts_CountByStatusAsync_MixedStatuses_CountsEveryStatusIncludingZero()
    {
        Begin(StoreCapability.GroupedCounts);
        await Store.Alerts.TryAddAsync(A.Alert("a1", status: AlertStatus.Pending));
        await Store.Alerts.TryAddAsync(A.Alert("a2", status: AlertStatus.Pending));
        await Store.Alerts.TryAddAsync(A.Alert("a3", status: AlertStatus.Read));
        await Store.Alerts.TryAddAsync(A.Alert("a4", status: AlertStatus.Failed, escalationKey: "e4"));

        var counts = await Store.Alerts.CountByStatusAsync();

        Assert.Equal(
            [
                KeyValuePair.Create(AlertStatus.Pending, 2L),
                KeyValuePair.Create(AlertStatus.Sent, 0L),
                KeyValuePair.Create(AlertStatus.Delivered, 0L),
                KeyValuePair.Create(AlertStatus.Read, 1L),
                KeyValuePair.Create(AlertStatus.Failed, 1L),
                KeyValuePair.Create(AlertStatus.Suppressed, 0L),
            ],
            counts.OrderBy(p => p.Key));
    }
    [SkippableFact]
    public async Task Alerts_CountSentSinceAsync_MixedSendTimes_CountsThoseSentAtOrAfter()
    {
        Begin();
        await Store.Alerts.TryAddAsync(A.Alert("early") with { SentAt = A.Now.AddHours(-2) });
        await Store.Alerts.TryAddAsync(A.Alert("at") with { SentAt = A.Now });
        await Store.Alerts.TryAddAsync(A.Alert("late") with { SentAt = A.Now.AddMinutes(5) });
        await Store.Alerts.TryAddAsync(A.Alert("unsent") with { SentAt = null, Status = AlertStatus.Pending });

        Assert.Equal(2, await Store.Alerts.CountSentSinceAsync(A.Now));
        Assert.Equal(3, await Store.Alerts.CountSentSinceAsync(A.Now.AddDays(-1)));
        Assert.Equal(0, await Store.Alerts.CountSentSinceAsync(A.Now.AddHours(1)));
    }

    [SkippableFact]
    public async Task Alerts_ListSentSinceAsync_Take_ReturnsThoseSentSinceEarliestFirst()
    {
        Begin();
        await Store.Alerts.TryAddAsync(A.Alert("early") with { SentAt = A.Now.AddHours(-2) });
        await Store.Alerts.TryAddAsync(A.Alert("third") with { SentAt = A.Now.AddMinutes(9) });
        await Store.Alerts.TryAddAsync(A.Alert("first") with { SentAt = A.Now });
        await Store.Alerts.TryAddAsync(A.Alert("second") with { SentAt = A.Now.AddMinutes(1) });
        await Store.Alerts.TryAddAsync(A.Alert("unsent") with { SentAt = null });

        Assert.Equal(["first", "second", "third"], (await Store.Alerts.ListSentSinceAsync(A.Now, 10)).Select(a => a.Id));
        Assert.Equal(["first", "second"], (await Store.Alerts.ListSentSinceAsync(A.Now, 2)).Select(a => a.Id));
    }

    [SkippableFact]
    public async Task Alerts_ListSentSinceAsync_AfterASend_FindsTheUpdatedAlert()
    {
        Begin();
        var pending = A.Alert("al-1", status: AlertStatus.Pending) with { SentAt = null };
        await Store.Alerts.TryAddAsync(pending);

        await Store.Alerts.TryUpdateAsync(pending with { Status = AlertStatus.Sent, SentAt = A.Now }, pending);

        Assert.Equal(["al-1"], (await Store.Alerts.ListSentSinceAsync(A.Now, 10)).Select(a => a.Id));
        Assert.Equal(1, await Store.Alerts.CountSentSinceAsync(A.Now));
    }

    [SkippableFact]
    public async Task Alerts_SentSince_SinceWithinTheMillisecondAfterTheSend_LeavesItOut()
    {
        Begin();
        await Store.Alerts.TryAddAsync(A.Alert("al-1") with { SentAt = A.Now });

        // Sent at A.Now (a whole millisecond), so before A.Now + 0.5 ms.
        Assert.Empty(await Store.Alerts.ListSentSinceAsync(A.Now.AddTicks(5_000), 10));
        Assert.Equal(0, await Store.Alerts.CountSentSinceAsync(A.Now.AddTicks(5_000)));
        Assert.Equal(1, await Store.Alerts.CountSentSinceAsync(A.Now));
    }
}
