using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Ingestion;

/// <summary>
/// One customer batch at a time in this process, from the check that each phone number is free to the write. Two
/// batches checked side by side each found the number free and both stored it: one customer could never sign in and
/// their alerts reached the other. Customer files are small and rare next to transactions, so the wait costs little.
/// (Across processes on one MongoDB this narrows, but does not close, the same race.)
/// </summary>
public sealed class CustomerBatchTurns
{
    // One key in a lock table of its own: the table already gives an async wait and a release-once handle.
    private readonly CustomerLockTable _turn = new();

    /// <summary>Waits for the turn; dispose the result to end it.</summary>
    public Task<IDisposable> EnterAsync(CancellationToken ct) => _turn.AcquireAsync(["customer-batch"], ct);
}
