using System.Collections.Concurrent;

namespace CreditRisk.Core.Risk;

/// <summary>
/// The transactions this process stored and is applying right now (their ingest's pipeline run has not finished).
/// A client that gave up on that request and re-sends the batch finds them pending; it waits for the run that is
/// applying them instead of answering before the risk reflects them, or rebuilding their customers for every
/// impatient retry.
/// </summary>
public sealed class TransactionsInFlight
{
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    /// <summary>Marks the transactions as being applied until the result is disposed (whether the run succeeded or not).</summary>
    public IDisposable Begin(IEnumerable<string> transactionIds)
    {
        ArgumentNullException.ThrowIfNull(transactionIds);
        var run = new Run(this);
        foreach (var id in transactionIds)
        {
            // A transaction is stored once, so only its own ingest registers it; should two ever race, the first wins.
            if (_running.TryAdd(id, run.Done.Task))
            {
                run.Ids.Add(id);
            }
        }

        return run;
    }

    /// <summary>Completes when no run of this process is applying any of <paramref name="transactionIds"/> any more.</summary>
    public Task WaitForAsync(IEnumerable<string> transactionIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transactionIds);
        var runs = transactionIds
            .Select(id => _running.TryGetValue(id, out var done) ? done : null)
            .OfType<Task>()
            .Distinct()
            .ToList();
        return runs.Count == 0 ? Task.CompletedTask : Task.WhenAll(runs).WaitAsync(ct);
    }

    private sealed class Run(TransactionsInFlight owner) : IDisposable
    {
        public List<string> Ids { get; } = [];

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose()
        {
            foreach (var id in Ids)
            {
                owner._running.TryRemove(new KeyValuePair<string, Task>(id, Done.Task));
            }

            Done.TrySetResult();
        }
    }
}
