using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task DevelopmentOutbox_AddAsync_NewMessage_StoresEveryField()
    {
        Begin();
        var message = A.DevelopmentMessage();

        await Store.DevelopmentOutbox.AddAsync(message);

        JsonAssert.Equivalent(message, await Store.DevelopmentOutbox.GetAsync(message.Id));
        Assert.Equal(1, await Store.DevelopmentOutbox.CountAsync());
    }

    [SkippableFact]
    public async Task DevelopmentOutbox_AddAsync_MinimalMessage_RoundTripsNullsAsNull()
    {
        Begin();
        var message = A.DevelopmentMessage() with { BodyParameters = [], ButtonParameter = null, CallbackData = null, UsedFallbackTemplate = false };

        await Store.DevelopmentOutbox.AddAsync(message);

        JsonAssert.Equivalent(message, await Store.DevelopmentOutbox.GetAsync(message.Id));
    }

    [SkippableFact]
    public async Task DevelopmentOutbox_GetAsync_UnknownId_ReturnsNull()
    {
        Begin();

        Assert.Null(await Store.DevelopmentOutbox.GetAsync("wamid.dev.nope"));
    }

    [SkippableFact]
    public async Task DevelopmentOutbox_ListAsync_SkipAndTake_PagesNewestFirst()
    {
        Begin();
        for (var i = 0; i < 5; i++)
        {
            await Store.DevelopmentOutbox.AddAsync(A.DevelopmentMessage($"m{i}", createdAt: A.Now.AddMinutes(i)));
        }

        Assert.Equal(["m4", "m3"], (await Store.DevelopmentOutbox.ListAsync(0, 2)).Select(m => m.Id));
        Assert.Equal(["m2", "m1"], (await Store.DevelopmentOutbox.ListAsync(2, 2)).Select(m => m.Id));
        Assert.Equal(5, await Store.DevelopmentOutbox.CountAsync());
    }

    [SkippableFact]
    public async Task DevelopmentOutbox_ListForRecipientAsync_TwoRecipients_ReturnsThatNumbersNewestFirst()
    {
        Begin();
        await Store.DevelopmentOutbox.AddAsync(A.DevelopmentMessage("a1", to: "+15550100", createdAt: A.Now));
        await Store.DevelopmentOutbox.AddAsync(A.DevelopmentMessage("b1", to: "+15550199", createdAt: A.Now.AddMinutes(1)));
        await Store.DevelopmentOutbox.AddAsync(A.DevelopmentMessage("a2", to: "+15550100", createdAt: A.Now.AddMinutes(2)));
        await Store.DevelopmentOutbox.AddAsync(A.DevelopmentMessage("a3", to: "+155501001", createdAt: A.Now.AddMinutes(3)));

        var listed = await Store.DevelopmentOutbox.ListForRecipientAsync("+15550100", 10);

        Assert.Equal(["a2", "a1"], listed.Select(m => m.Id));
        Assert.Equal(["a2"], (await Store.DevelopmentOutbox.ListForRecipientAsync("+15550100", 1)).Select(m => m.Id));
    }

    [SkippableFact]
    public async Task InboundMessages_TryAddAsync_NewMessage_StoresEveryField()
    {
        Begin();
        var message = A.InboundMessage();

        Assert.True(await Store.InboundMessages.TryAddAsync(message));

        JsonAssert.Equivalent(message, await Store.InboundMessages.GetAsync(message.Id));
    }

    [SkippableFact]
    public async Task InboundMessages_TryAddAsync_UnknownSender_RoundTripsNullsAsNull()
    {
        Begin();
        var message = A.InboundMessage(customerId: null) with { Text = null, InReplyToMessageId = null, AlertId = null, Type = "image" };

        Assert.True(await Store.InboundMessages.TryAddAsync(message));

        JsonAssert.Equivalent(message, await Store.InboundMessages.GetAsync(message.Id));
    }

    [SkippableFact]
    public async Task InboundMessages_TryAddAsync_SameIdTwice_SecondReturnsFalseAndKeepsTheFirst()
    {
        Begin();
        await Store.InboundMessages.TryAddAsync(A.InboundMessage() with { Text = "first" });

        var added = await Store.InboundMessages.TryAddAsync(A.InboundMessage() with { Text = "second" });

        Assert.False(added);
        Assert.Equal("first", (await Store.InboundMessages.GetAsync("wamid.in.1"))!.Text);
    }

    [SkippableFact]
    public async Task InboundMessages_TryAddAsync_ConcurrentRedeliveries_StoreOne()
    {
        Begin(StoreCapability.ConcurrentWriters);

        var results = await RaceAsync(20, _ => Store.InboundMessages.TryAddAsync(A.InboundMessage()));

        Assert.Single(results, added => added);
        Assert.Single(await Store.InboundMessages.ListForCustomerAsync("cust-1", 50));
    }

    [SkippableFact]
    public async Task InboundMessages_ListForCustomerAsync_Take_ReturnsThatCustomersNewestFirst()
    {
        Begin();
        for (var i = 0; i < 4; i++)
        {
            await Store.InboundMessages.TryAddAsync(A.InboundMessage($"in-{i}", receivedAt: A.Now.AddMinutes(i)));
        }

        await Store.InboundMessages.TryAddAsync(A.InboundMessage("other", customerId: "cust-10", receivedAt: A.Now.AddHours(1)));
        await Store.InboundMessages.TryAddAsync(A.InboundMessage("stranger", customerId: null, receivedAt: A.Now.AddHours(2)));

        var listed = await Store.InboundMessages.ListForCustomerAsync("cust-1", 3);

        Assert.Equal(["in-3", "in-2", "in-1"], listed.Select(m => m.Id));
    }
}
