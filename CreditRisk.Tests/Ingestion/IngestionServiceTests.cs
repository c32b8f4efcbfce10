using CreditRisk.Core.Customers;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Messaging.Webhooks;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static CreditRisk.Tests.Ingestion.IngestionInputs;

namespace CreditRisk.Tests.Ingestion;

public sealed class IngestionServiceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly RecordingListener _listener = new();
    private TempLiteDbStore _temp = null!;

    public async Task InitializeAsync()
    {
        _temp = await TempLiteDbStore.CreateAsync();
        await Service().IngestCustomersAsync([Customer("C-1"), Customer("C-2")]);
        _listener.Customers.Clear();
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private readonly WarningLog _warnings = new();

    private IngestionService Service(IngestionOptions? options = null, params IIngestionListener[] extraListeners)
    {
        var opts = Options.Create(options ?? new IngestionOptions());
        return new IngestionService(
            _temp.Store,
            new IngestionValidator(opts, _clock),
            opts,
            _clock,
            [_listener, .. extraListeners],
            _warnings,
            new CustomerBatchTurns(),
            new CustomerLockTable());
    }

    [Fact]
    public async Task IngestTransactionsAsync_IdenticalReplayOfAnAppliedTransaction_NoWarning_ADifferentOneWarnsOnce()
    {
        var service = Service();
        await service.IngestTransactionsAsync([Transaction("T-1"), Transaction("T-2")]);
        await _temp.Store.Transactions.MarkAppliedAsync(["T-1", "T-2"], Now);
        _clock.Advance(TimeSpan.FromHours(1));

        await service.IngestTransactionsAsync([Transaction("T-1"), Transaction("T-2") with { Amount = 9.99m }]);

        var warning = Assert.Single(_warnings.Messages);
        Assert.Contains("T-2", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestTransactionsAsync_ValidBatch_StoresAllAndNotifiesListenersOnce()
    {
        var result = await Service().IngestTransactionsAsync([Transaction("T-1"), Transaction("T-2", "C-2")]);

        Assert.True(result.Accepted);
        Assert.Equal(["T-1", "T-2"], result.Items.Select(i => i.TransactionId));
        Assert.All(result.Items, i => Assert.False(i.Duplicate));
        Assert.All(result.Items, i => Assert.Equal(Now, i.AcceptedAt));
        Assert.Equal(2, await _temp.Store.Transactions.CountAsync());
        var notified = Assert.Single(_listener.Transactions);
        Assert.Equal(["T-1", "T-2"], notified.Select(t => t.Id));
    }

    [Fact]
    public async Task IngestTransactionsAsync_Replay_StoresNothingAndAnswersWithOriginalAcceptance()
    {
        var service = Service();
        await service.IngestTransactionsAsync([Transaction("T-1"), Transaction("T-2")]);
        _clock.Advance(TimeSpan.FromHours(3));

        var replay = await service.IngestTransactionsAsync([Transaction("T-1"), Transaction("T-3"), Transaction("T-2")]);

        Assert.True(replay.Accepted);
        Assert.Equal(
            [("T-1", true, Now), ("T-3", false, Now.AddHours(3)), ("T-2", true, Now)],
            replay.Items.Select(i => (i.TransactionId, i.Duplicate, i.AcceptedAt)));
        Assert.Equal(3, await _temp.Store.Transactions.CountAsync());
        Assert.Equal(2, _listener.Transactions.Count);
        Assert.Equal(["T-3"], _listener.Transactions[1].Select(t => t.Id));
    }

    [Fact]
    public async Task IngestTransactionsAsync_ReplayWithOtherContent_StoredOneKeptAndTheSenderTold()
    {
        var service = Service();
        await service.IngestTransactionsAsync([Transaction("T-1"), Transaction("T-2")]);

        var replay = await service.IngestTransactionsAsync([Transaction("T-1") with { Amount = 20m }, Transaction("T-2")]);

        Assert.Equal([("T-1", true, true), ("T-2", true, false)], replay.Items.Select(i => (i.TransactionId, i.Duplicate, i.DiffersFromStored)));
        Assert.NotEqual(20m, (await _temp.Store.Transactions.GetManyAsync(["T-1"]))["T-1"].Amount);
    }

    [Fact]
    public async Task IngestTransactionsAsync_FullReplay_DoesNotNotifyListeners()
    {
        var service = Service();
        await service.IngestTransactionsAsync([Transaction("T-1")]);

        await service.IngestTransactionsAsync([Transaction("T-1")]);

        Assert.Single(_listener.Transactions);
    }

    [Fact]
    public async Task IngestTransactionsAsync_PartialReplay_TellsListenersTheStoredOriginalsOfTheReplays()
    {
        var service = Service();
        await service.IngestTransactionsAsync([Transaction("T-1"), Transaction("T-2")]);
        await _temp.Store.Transactions.MarkAppliedAsync(["T-2"], Now);

        await service.IngestTransactionsAsync([Transaction("T-2") with { Amount = 1m }, Transaction("T-3"), Transaction("T-1")]);

        var replays = Assert.Single(_listener.Replays);
        Assert.Equal(["T-1", "T-2"], replays.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.Null(replays.Single(t => t.Id == "T-1").AppliedAt);
        Assert.Equal(Now, replays.Single(t => t.Id == "T-2").AppliedAt);
        Assert.NotEqual(1m, replays.Single(t => t.Id == "T-2").Amount);
        Assert.Equal(["T-3"], _listener.Transactions[1].Select(t => t.Id));
    }

    [Fact]
    public async Task IngestTransactionsAsync_NoReplay_DoesNotReportReplays()
    {
        await Service().IngestTransactionsAsync([Transaction("T-1")]);

        Assert.Empty(_listener.Replays);
    }

    [Fact]
    public async Task IngestTransactionsAsync_OneBadItem_RefusesWholeBatchAndStoresNothing()
    {
        var items = Enumerable.Range(0, 500).Select(i => Transaction($"T-{i}")).ToArray();
        items[417] = items[417] with { MerchantCategory = "54A1" };

        var result = await Service().IngestTransactionsAsync(items);

        Assert.False(result.Accepted);
        Assert.Empty(result.Items);
        var error = Assert.Single(result.Errors);
        Assert.Equal((417, "merchantCategory"), (error.Index, error.Field));
        Assert.Equal(0, await _temp.Store.Transactions.CountAsync());
        Assert.Empty(_listener.Transactions);
    }

    [Fact]
    public async Task IngestTransactionsAsync_SeveralProblems_ListsEveryOneInIndexOrder()
    {
        TransactionInput[] items =
        [
            Transaction("T-0"),
            Transaction("T-1", customerId: "C-404"),
            Transaction("T-2") with { Amount = 0m },
            Transaction("T-0"),
            Transaction("T-4") with { Type = "teleport", Timestamp = Now.AddHours(1) },
        ];

        var result = await Service().IngestTransactionsAsync(items);

        Assert.Equal(
            [(1, "customerId"), (2, "amount"), (3, "transactionId"), (4, "timestamp"), (4, "type")],
            result.Errors.Select(e => (e.Index!.Value, e.Field)));
        Assert.Contains("C-404", result.Errors[0].Message);
        Assert.Contains("item 0", result.Errors[2].Message);
        Assert.Equal(0, await _temp.Store.Transactions.CountAsync());
    }

    [Fact]
    public async Task IngestTransactionsAsync_TooManyItems_RefusesTheBatchAsAWhole()
    {
        var items = Enumerable.Range(0, 11).Select(i => Transaction($"T-{i}")).ToArray();

        var result = await Service(new IngestionOptions { MaxBatchSize = 10 }).IngestTransactionsAsync(items);

        var error = Assert.Single(result.Errors);
        Assert.Null(error.Index);
        Assert.Contains("at most 10", error.Message);
        Assert.Equal(0, await _temp.Store.Transactions.CountAsync());
    }

    [Fact]
    public async Task IngestTransactionsAsync_ReadErrors_AreMergedWithValidationOfTheOtherItems()
    {
        var batch = new IngestionBatch<TransactionInput>(
            [Transaction("T-0"), null, Transaction("T-2") with { Channel = new string('c', 40) }],
            [new IngestionError(1, "amount", "must be a number")]);

        var result = await Service().IngestTransactionsAsync(batch);

        Assert.Equal([(1, "amount"), (2, "channel")], result.Errors.Select(e => (e.Index!.Value, e.Field)));
        Assert.Equal(0, await _temp.Store.Transactions.CountAsync());
    }

    [Fact]
    public async Task IngestTransactionsAsync_ListenerThrows_DataStaysAccepted()
    {
        var result = await Service(null, new ThrowingListener()).IngestTransactionsAsync([Transaction("T-1")]);

        Assert.True(result.Accepted);
        Assert.Equal(1, await _temp.Store.Transactions.CountAsync());
    }

    [Fact]
    public async Task IngestCustomersAsync_KnownCustomerAgain_KeepsCreationAndFirstOptInTime()
    {
        _clock.Advance(TimeSpan.FromDays(2));

        var result = await Service().IngestCustomersAsync([Customer("C-1") with { FullName = "Anita R. Rao" }, Customer("C-3")]);

        Assert.Equal([("C-1", false), ("C-3", true)], result.Items.Select(i => (i.CustomerId, i.Created)));
        var stored = await _temp.Store.Customers.GetAsync("C-1");
        Assert.Equal("Anita R. Rao", stored!.FullName);
        Assert.Equal(Now, stored.CreatedAt);
        Assert.Equal(Now, stored.WhatsAppOptInAt);
        Assert.Equal(Now.AddDays(2), stored.UpdatedAt);
        Assert.Equal(2, _listener.Customers.Single().Count);
    }

    [Fact]
    public async Task IngestCustomersAsync_KnownCustomerWithoutOptInOrTimeZone_KeepsTheStoredConsentAndZone()
    {
        await Service().IngestCustomersAsync([Customer("C-1") with { TimeZone = "Asia/Kolkata" }]);
        _clock.Advance(TimeSpan.FromDays(2));

        // A core-banking update of the limit alone: it must not withdraw consent nor move the quiet hours.
        var result = await Service().IngestCustomersAsync([Customer("C-1") with { CreditLimit = 60_000m, WhatsappOptIn = null, TimeZone = null }]);

        Assert.True(result.Accepted);
        var stored = await _temp.Store.Customers.GetAsync("C-1");
        Assert.Equal((60_000m, true, Now, "Asia/Kolkata"), (stored!.CreditLimit, stored.WhatsAppOptIn, stored.WhatsAppOptInAt, stored.TimeZone));

        await Service().IngestCustomersAsync([Customer("C-1") with { WhatsappOptIn = false }]);
        stored = await _temp.Store.Customers.GetAsync("C-1");
        Assert.Equal((false, null), (stored!.WhatsAppOptIn, stored.WhatsAppOptInAt)); // said outright, it is withdrawn
    }

    [Fact]
    public async Task IngestCustomersAsync_CustomerWhoRepliedStop_StaysOptedOutUntilTheirOwnStart()
    {
        var store = _temp.Store;
        var customer = (await store.Customers.GetAsync("C-1"))!;
        await WhatsAppConsentReply.OptOut.ApplyAsync(store.Customers, store.Audit, customer, "STOP", Now.AddHours(1), Now.AddHours(1), default);
        _clock.Advance(TimeSpan.FromDays(1));

        // The next day's core-banking file still carries the consent recorded at onboarding.
        var result = await Service().IngestCustomersAsync([Customer("C-1") with { CreditLimit = 70_000m, WhatsappOptIn = true }]);

        Assert.True(result.Accepted);
        var stored = (await store.Customers.GetAsync("C-1"))!;
        Assert.Equal((70_000m, false, null, Now.AddHours(1)), (stored.CreditLimit, stored.WhatsAppOptIn, stored.WhatsAppOptInAt, stored.WhatsAppOptedOutAt));

        await WhatsAppConsentReply.OptIn.ApplyAsync(store.Customers, store.Audit, stored, "START", Now.AddDays(2), Now.AddDays(2), default);
        await Service().IngestCustomersAsync([Customer("C-1") with { WhatsappOptIn = true }]);
        stored = (await store.Customers.GetAsync("C-1"))!;
        Assert.Equal((true, Now.AddDays(2), null), (stored.WhatsAppOptIn, stored.WhatsAppOptInAt, stored.WhatsAppOptedOutAt));

        // A withdrawal by the bank's file still wins over an opt-in by reply.
        await Service().IngestCustomersAsync([Customer("C-1") with { WhatsappOptIn = false }]);
        Assert.False((await store.Customers.GetAsync("C-1"))!.WhatsAppOptIn);
    }

    [Fact]
    public async Task IngestCustomersAsync_NewCustomerWithoutOptIn_HasNotOptedIn()
    {
        await Service().IngestCustomersAsync([Customer("C-5") with { WhatsappOptIn = null }]);

        var stored = await _temp.Store.Customers.GetAsync("C-5");
        Assert.Equal((false, null, null), (stored!.WhatsAppOptIn, stored.WhatsAppOptInAt, stored.TimeZone));
    }

    [Fact]
    public async Task IngestCustomersAsync_PhoneOfAnotherCustomer_RefusedAndNothingStored()
    {
        var result = await Service().IngestCustomersAsync([Customer("C-7"), Customer("C-8") with { Phone = PhoneOf("C-2") }]);

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "phone"), (error.Index, error.Field));
        Assert.Contains("already belongs to customer 'C-2'", error.Message);
        Assert.Null(await _temp.Store.Customers.GetAsync("C-7"));
        Assert.Null(await _temp.Store.Customers.GetAsync("C-8"));
    }

    [Fact]
    public async Task IngestCustomersAsync_TwoNewCustomersOnOnePhone_RefusedAsAnItemError()
    {
        var result = await Service().IngestCustomersAsync([Customer("C-7"), Customer("C-8") with { Phone = PhoneOf("C-7") }]);

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "phone"), (error.Index, error.Field));
        Assert.Contains("item 0's phone", error.Message);
    }

    [Fact]
    public async Task IngestCustomersAsync_PhoneFreedInTheSameBatch_Accepted()
    {
        // C-1 moves to a new number and C-2 takes C-1's old one.
        var result = await Service().IngestCustomersAsync([Customer("C-1") with { Phone = "+14155550100" }, Customer("C-2") with { Phone = PhoneOf("C-1") }]);

        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        Assert.Equal("C-2", (await _temp.Store.Customers.FindByPhoneAsync(PhoneOf("C-1")))!.Id);
    }

    [Fact]
    public async Task IngestCustomersAsync_SameIdTwiceInBatch_IsAnItemError()
    {
        var result = await Service().IngestCustomersAsync([Customer("C-9"), Customer("C-9")]);

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "customerId"), (error.Index, error.Field));
        Assert.Null(await _temp.Store.Customers.GetAsync("C-9"));
    }

    [Fact]
    public async Task IngestStatementsAsync_SameCustomerAndDateTwice_IsAnItemError()
    {
        var result = await Service().IngestStatementsAsync([Statement("C-1"), Statement("C-2"), Statement("C-1")]);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "statementDate"), (error.Index, error.Field));
        Assert.Equal(0, await _temp.Store.Statements.CountAsync());
    }

    [Fact]
    public async Task IngestStatementsAsync_SentAgain_ReplacesByCustomerAndDate()
    {
        var service = Service();
        await service.IngestStatementsAsync([Statement("C-1")]);

        var result = await service.IngestStatementsAsync([Statement("C-1") with { DaysPastDue = 31 }, Statement("C-404")]);
        Assert.Equal([(1, "customerId")], result.Errors.Select(e => (e.Index!.Value, e.Field)));

        result = await service.IngestStatementsAsync([Statement("C-1") with { DaysPastDue = 31 }]);
        Assert.True(result.Accepted);
        Assert.Equal(1, await _temp.Store.Statements.CountAsync());
        Assert.Equal(31, (await _temp.Store.Statements.ListForCustomerAsync("C-1", 10)).Single().DaysPastDue);
        Assert.Equal(2, _listener.Statements.Count);
    }

    [Fact]
    public async Task IngestStatementsAsync_ListenerFails_StoredAndSaysTheRiskWasNotUpdated()
    {
        var result = await Service(null, new ThrowingListener()).IngestStatementsAsync([Statement("C-1")]);

        Assert.True(result.Accepted);
        Assert.False(result.ListenersSucceeded);
        Assert.Equal(1, await _temp.Store.Statements.CountAsync());
        Assert.True((await Service().IngestStatementsAsync([Statement("C-1")])).ListenersSucceeded);
    }

    private sealed class RecordingListener : IIngestionListener
    {
        public List<IReadOnlyList<Customer>> Customers { get; } = [];

        public List<IReadOnlyList<Transaction>> Transactions { get; } = [];

        public List<IReadOnlyList<Statement>> Statements { get; } = [];

        public List<IReadOnlyList<Transaction>> Replays { get; } = [];

        public Task OnTransactionsReplayedAsync(IReadOnlyList<Transaction> storedOriginals, CancellationToken ct)
        {
            Replays.Add(storedOriginals);
            return Task.CompletedTask;
        }

        public Task OnCustomersAcceptedAsync(IReadOnlyList<Customer> customers, CancellationToken ct)
        {
            Customers.Add(customers);
            return Task.CompletedTask;
        }

        public Task OnTransactionsAcceptedAsync(IReadOnlyList<Transaction> newOnes, CancellationToken ct)
        {
            Transactions.Add(newOnes);
            return Task.CompletedTask;
        }

        public Task OnStatementsAcceptedAsync(IReadOnlyList<Statement> statements, CancellationToken ct)
        {
            Statements.Add(statements);
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingListener : IIngestionListener
    {
        public Task OnTransactionsAcceptedAsync(IReadOnlyList<Transaction> newOnes, CancellationToken ct) =>
            throw new InvalidOperationException("pipeline down");

        public Task OnStatementsAcceptedAsync(IReadOnlyList<Statement> statements, CancellationToken ct) =>
            throw new InvalidOperationException("pipeline down");
    }

    /// <summary>Keeps the warnings the service logs (a replay conflict is one).</summary>
    private sealed class WarningLog : Microsoft.Extensions.Logging.ILogger<IngestionService>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(
            Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning)
            {
                lock (Messages)
                {
                    Messages.Add(formatter(state, exception));
                }
            }
        }
    }
}
