using CreditRisk.Core.Customers;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Messaging.Webhooks;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static CreditRisk.Tests.Ingestion.IngestionInputs;

namespace CreditRisk.Tests.Ingestion;

/// <summary>
/// A customer batch against another writer that arrives between the batch's read of the stored customers and its
/// write: the other writer is started there and given a moment; one that must wait for the batch waits, and its write
/// lands after the batch's.
/// </summary>
public sealed class CustomerIngestionRaceTests : IAsyncLifetime
{
    private static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(500);

    private readonly FakeTimeProvider _clock = new(Now);

    // This "process's" singletons, shared by every service below as DI shares them.
    private readonly CustomerBatchTurns _turns = new();
    private readonly CustomerLockTable _locks = new();
    private TempLiteDbStore _temp = null!;

    public async Task InitializeAsync() => _temp = await TempLiteDbStore.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private IngestionService Service(ICreditRiskStore store)
    {
        var options = Options.Create(new IngestionOptions());
        return new IngestionService(
            store, new IngestionValidator(options, _clock), options, _clock, [], NullLogger<IngestionService>.Instance, _turns, _locks);
    }

    [Fact]
    public async Task IngestCustomersAsync_CustomerRepliesStopWhileTheirRecordIsBeingStored_StopIsKeptAndSoIsTheNewLimit()
    {
        await Service(_temp.Store).IngestCustomersAsync([Customer("C-1")]);
        var store = new StoreWithHookAfterCustomerRead(_temp.Store);
        Task? stop = null;
        store.AfterRead = async () =>
        {
            // What the webhook does with a STOP: the customer's lock, then the customer as stored then.
            stop = Task.Run(async () =>
            {
                using (await _locks.AcquireAsync(["C-1"]))
                {
                    var current = (await _temp.Store.Customers.GetAsync("C-1"))!;
                    await WhatsAppConsentReply.OptOut.ApplyAsync(_temp.Store.Customers, _temp.Store.Audit, current, "STOP", Now, Now, default);
                }
            });
            await Task.WhenAny(stop, Task.Delay(Moment));
        };

        var result = await Service(store).IngestCustomersAsync([Customer("C-1") with { CreditLimit = 200_000m }]);
        await stop!;

        Assert.True(result.Accepted);
        var stored = (await _temp.Store.Customers.GetAsync("C-1"))!;
        Assert.Equal((200_000m, false, Now), (stored.CreditLimit, stored.WhatsAppOptIn, stored.WhatsAppOptedOutAt));
    }

    [Fact]
    public async Task IngestCustomersAsync_TwoBatchesGiveOnePhoneToTwoNewCustomersAtOnce_TheLaterIsRefused()
    {
        var store = new StoreWithHookAfterCustomerRead(_temp.Store);
        Task<IngestionResult<CustomerOutcome>>? second = null;
        store.AfterRead = async () =>
        {
            second = Task.Run(() => Service(_temp.Store).IngestCustomersAsync([Customer("C-2") with { Phone = PhoneOf("C-1") }]));
            await Task.WhenAny(second, Task.Delay(Moment));
        };

        var first = await Service(store).IngestCustomersAsync([Customer("C-1")]);
        var refused = await second!;

        Assert.True(first.Accepted);
        var error = Assert.Single(refused.Errors);
        Assert.Equal((0, "phone"), (error.Index, error.Field));
        Assert.Contains("already belongs to customer 'C-1'", error.Message);
        Assert.Null(await _temp.Store.Customers.GetAsync("C-2"));
    }

    /// <summary>Runs <see cref="AfterRead"/> once, right after the batch has read the stored customers it will merge.</summary>
    private sealed class StoreWithHookAfterCustomerRead(ICreditRiskStore inner) : DelegatingStore(inner)
    {
        private readonly HookedCustomers _customers = new(inner.Customers);

        public Func<Task>? AfterRead { set => _customers.AfterRead = value; }

        public override ICustomerRepository Customers => _customers;

        private sealed class HookedCustomers(ICustomerRepository inner) : DelegatingCustomers(inner)
        {
            public Func<Task>? AfterRead { get; set; }

            public override async Task<IReadOnlyDictionary<string, Customer>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
            {
                var read = await base.GetManyAsync(ids, ct);
                if (AfterRead is { } hook)
                {
                    AfterRead = null;
                    await hook();
                }

                return read;
            }
        }
    }
}
