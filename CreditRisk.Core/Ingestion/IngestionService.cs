using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Ingestion;

/// <summary>
/// Accepts batches of customers, transactions and statements: validates the whole batch (every item, duplicates
/// inside it, unknown customers), stores it in one bulk write only when nothing is wrong, then tells the
/// <see cref="IIngestionListener"/>s. Transactions are idempotent by id: a replay stores nothing and answers with
/// the original outcome.
/// </summary>
public sealed class IngestionService(
    ICreditRiskStore store,
    IngestionValidator validator,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    IEnumerable<IIngestionListener> listeners,
    ILogger<IngestionService> logger,
    CustomerBatchTurns customerTurns,
    CustomerLockTable locks)
{
    private readonly IIngestionListener[] _listeners = [.. listeners];

    public Task<IngestionResult<CustomerOutcome>> IngestCustomersAsync(IReadOnlyList<CustomerInput> items, CancellationToken ct = default) =>
        IngestCustomersAsync(IngestionBatch<CustomerInput>.Of(items), ct);

    public Task<IngestionResult<TransactionOutcome>> IngestTransactionsAsync(IReadOnlyList<TransactionInput> items, CancellationToken ct = default) =>
        IngestTransactionsAsync(IngestionBatch<TransactionInput>.Of(items), ct);

    public Task<IngestionResult<StatementOutcome>> IngestStatementsAsync(IReadOnlyList<StatementInput> items, CancellationToken ct = default) =>
        IngestStatementsAsync(IngestionBatch<StatementInput>.Of(items), ct);

    /// <summary>
    /// Creates or replaces customers (<see cref="CustomerUpdates.Merge"/>: what a known customer keeps); a phone number
    /// already another customer's is refused.
    /// </summary>
    /// <remarks>
    /// From the phone check to the write the batch holds the process's <see cref="CustomerBatchTurns"/> (so a number
    /// checked free is still free when written) and its customers' locks (<see cref="CustomerLockTable"/>, which a
    /// "STOP" reply and the snapshot import take too), so a change made meanwhile is merged, not overwritten.
    /// </remarks>
    public async Task<IngestionResult<CustomerOutcome>> IngestCustomersAsync(IngestionBatch<CustomerInput> batch, CancellationToken ct = default)
    {
        if (CheckBatchSize<CustomerOutcome>(batch.Items.Count) is { } tooLarge)
        {
            return tooLarge;
        }

        var now = Now();
        var errors = new List<IngestionError>(batch.ReadErrors);
        var valid = ValidateAll(batch, errors, (item, i) => validator.Validate(item, i, now));
        errors.AddRange(FindRepeats(batch.Items, c => c.CustomerId, "customerId", "customer"));
        errors.AddRange(CustomerUpdates.FindSharedPhones(batch.Items));
        if (errors.Count > 0)
        {
            return IngestionResult<CustomerOutcome>.Refused(errors);
        }

        List<Customer> customers;
        IReadOnlyDictionary<string, Customer> existing;
        using (await customerTurns.EnterAsync(ct))
        using (await locks.AcquireAsync(valid.Select(c => c.Id), ct))
        {
            errors.AddRange(await CustomerUpdates.FindPhonesOfOthersAsync(batch.Items, valid, store.Customers, ct));
            if (errors.Count > 0)
            {
                return IngestionResult<CustomerOutcome>.Refused(errors);
            }

            existing = await store.Customers.GetManyAsync([.. valid.Select(c => c.Id)], ct);
            var inputs = batch.Items.Where(i => i?.CustomerId is not null).ToDictionary(i => i!.CustomerId!, i => i!, StringComparer.Ordinal);
            customers = [.. valid.Select(c => CustomerUpdates.Merge(c, inputs[c.Id], existing.GetValueOrDefault(c.Id)))];
            await store.Customers.UpsertManyAsync(customers, ct);
        }

        logger.LogInformation("Stored {Count} customers ({Created} new)", customers.Count, customers.Count(c => !existing.ContainsKey(c.Id)));

        await NotifyAsync("customers", (l, token) => l.OnCustomersAcceptedAsync(customers, token), customers.Count);
        return new([.. customers.Select(c => new CustomerOutcome(c.Id, OutcomeStatus.Accepted, now, !existing.ContainsKey(c.Id)))], []);
    }

    /// <summary>Stores the transactions not stored yet; replays answer with their original acceptance time.</summary>
    public async Task<IngestionResult<TransactionOutcome>> IngestTransactionsAsync(IngestionBatch<TransactionInput> batch, CancellationToken ct = default)
    {
        if (CheckBatchSize<TransactionOutcome>(batch.Items.Count) is { } tooLarge)
        {
            return tooLarge;
        }

        var now = Now();
        var errors = new List<IngestionError>(batch.ReadErrors);
        var valid = ValidateAll(batch, errors, (item, i) => validator.Validate(item, i, now));
        errors.AddRange(FindRepeats(batch.Items, t => t.TransactionId, "transactionId", "transaction"));
        errors.AddRange(await FindUnknownCustomersAsync(batch.Items, t => t.CustomerId, ct));
        if (errors.Count > 0)
        {
            return IngestionResult<TransactionOutcome>.Refused(errors);
        }

        var inserted = await store.Transactions.InsertNewAsync(valid, ct);
        var newIds = inserted.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var replayIds = valid.Where(t => !newIds.Contains(t.Id)).Select(t => t.Id).ToList();
        // Stored: from here on the caller's cancellation no longer applies (see NotifyAsync).
        var originals = replayIds.Count == 0
            ? new Dictionary<string, Transaction>()
            : await store.Transactions.GetManyAsync(replayIds, CancellationToken.None);
        logger.LogInformation("Stored {New} new transactions of {Count} ({Replays} replays)", newIds.Count, valid.Count, replayIds.Count);

        var outcomes = valid.Select(t => newIds.Contains(t.Id)
            ? new TransactionOutcome(t.Id, OutcomeStatus.Accepted, t.ReceivedAt, Duplicate: false)
            : Replay(t, originals)).ToList();

        var newOnes = valid.Where(t => newIds.Contains(t.Id)).ToList();
        if (newOnes.Count > 0)
        {
            await NotifyAsync("transactions", (l, token) => l.OnTransactionsAcceptedAsync(newOnes, token), newOnes.Count);
        }

        if (originals.Count > 0)
        {
            var replayed = originals.Values.ToList();
            await NotifyAsync("replayed transactions", (l, token) => l.OnTransactionsReplayedAsync(replayed, token), replayed.Count);
        }

        return new(outcomes, []);
    }

    /// <summary>Inserts or replaces statements by customer and statement date.</summary>
    public async Task<IngestionResult<StatementOutcome>> IngestStatementsAsync(IngestionBatch<StatementInput> batch, CancellationToken ct = default)
    {
        if (CheckBatchSize<StatementOutcome>(batch.Items.Count) is { } tooLarge)
        {
            return tooLarge;
        }

        var now = Now();
        var errors = new List<IngestionError>(batch.ReadErrors);
        var valid = ValidateAll(batch, errors, (item, i) => validator.Validate(item, i, now));
        errors.AddRange(FindRepeats(
            batch.Items,
            s => s.CustomerId is null || s.StatementDate is null ? null : Statement.KeyFor(s.CustomerId, s.StatementDate.Value),
            "statementDate",
            "statement for this customer and date"));
        errors.AddRange(await FindUnknownCustomersAsync(batch.Items, s => s.CustomerId, ct));
        if (errors.Count > 0)
        {
            return IngestionResult<StatementOutcome>.Refused(errors);
        }

        await store.Statements.UpsertManyAsync(valid, ct);
        logger.LogInformation("Stored {Count} statements", valid.Count);

        var applied = await NotifyAsync("statements", (l, token) => l.OnStatementsAcceptedAsync(valid, token), valid.Count);
        return new([.. valid.Select(s => new StatementOutcome(s.CustomerId, s.StatementDate, OutcomeStatus.Accepted, now))], [])
        {
            ListenersSucceeded = applied,
        };
    }

    private DateTimeOffset Now() => WireFormat.ToStoredPrecision(time.GetUtcNow());

    private IngestionResult<T>? CheckBatchSize<T>(int count)
    {
        var max = options.Value.MaxBatchSize;
        return count <= max
            ? null
            : IngestionResult<T>.Refused([new IngestionError(null, IngestionError.Whole, $"a batch holds at most {max} items; this one has {count}")]);
    }

    private static List<TRecord> ValidateAll<TInput, TRecord>(
        IngestionBatch<TInput> batch, List<IngestionError> errors, Func<TInput, int, ValidatedItem<TRecord>> validate)
        where TInput : class
        where TRecord : class
    {
        var valid = new List<TRecord>(batch.Items.Count);
        for (var i = 0; i < batch.Items.Count; i++)
        {
            if (batch.Items[i] is not { } item)
            {
                continue;
            }

            var result = validate(item, i);
            if (result.IsValid)
            {
                valid.Add(result.Value!);
            }
            else
            {
                errors.AddRange(result.Errors);
            }
        }

        return valid;
    }

    /// <summary>Items whose key already appeared earlier in the batch: which of the two the sender meant is unknowable.</summary>
    private static IEnumerable<IngestionError> FindRepeats<T>(IReadOnlyList<T?> items, Func<T, string?> key, string field, string what)
        where T : class
    {
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item || key(item) is not { } k)
            {
                continue;
            }

            if (!firstSeen.TryAdd(k, i))
            {
                yield return new IngestionError(i, field, $"repeats the {what} of item {firstSeen[k]} in this batch");
            }
        }
    }

    /// <summary>One store round trip for every well-formed customer id the batch names.</summary>
    private async Task<IEnumerable<IngestionError>> FindUnknownCustomersAsync<T>(
        IReadOnlyList<T?> items, Func<T, string?> customerId, CancellationToken ct)
        where T : class
    {
        var ids = items
            .Select(item => item is null ? null : customerId(item))
            .Where(IngestionValidator.IsValidId)
            .Select(id => id!)
            .ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return [];
        }

        var known = await store.Customers.GetManyAsync(ids, ct);
        var errors = new List<IngestionError>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item && customerId(item) is { } id && ids.Contains(id) && !known.ContainsKey(id))
            {
                errors.Add(new IngestionError(i, "customerId", $"names an unknown customer '{id}'"));
            }
        }

        return errors;
    }

    /// <summary>The outcome of a replay: the original's acceptance time, and whether what was sent now differs from it.</summary>
    private TransactionOutcome Replay(Transaction replay, IReadOnlyDictionary<string, Transaction> originals)
    {
        if (originals.TryGetValue(replay.Id, out var original))
        {
            // Only what the client sent counts: when it was accepted and whether the pipeline has applied it are ours.
            var differs = original with { ReceivedAt = replay.ReceivedAt, AppliedAt = replay.AppliedAt } != replay;
            if (differs)
            {
                // Same idempotency key, different content: the stored transaction wins, as for any replay.
                logger.LogWarning("Transaction {TransactionId} was sent again with different content; the stored one is kept", replay.Id);
            }

            return new TransactionOutcome(replay.Id, OutcomeStatus.Accepted, original.ReceivedAt, Duplicate: true) { DiffersFromStored = differs };
        }

        // InsertNewAsync said it was stored already, yet it cannot be read back: answer, but say so.
        logger.LogWarning("Transaction {TransactionId} was reported as already stored but could not be read back", replay.Id);
        return new TransactionOutcome(replay.Id, OutcomeStatus.Accepted, replay.ReceivedAt, Duplicate: true);
    }

    /// <summary>
    /// Tells the listeners about stored data; false when one of them failed (logged). They do not get the caller's
    /// token: the data is committed, and a caller that gives up (a client that hangs up) must not stop the work on it
    /// half-way; each listener bounds its own.
    /// </summary>
    private async Task<bool> NotifyAsync(string what, Func<IIngestionListener, CancellationToken, Task> notify, int count)
    {
        var succeeded = true;
        foreach (var listener in _listeners)
        {
            try
            {
                await notify(listener, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Ingestion listener {Listener} failed on {Count} {What}; the data is stored", listener.GetType().Name, count, what);
                succeeded = false;
            }
        }

        return succeeded;
    }
}
