namespace CreditRisk.Core.Ingestion;

/// <summary>
/// One customer batch at a time in this process, from the check that each phone number is free to the write. Two
/// batches checked side by side each found the number free and both stored it: one customer could never sign in and
/// their alerts reached the other. Customer files are small and rare next to transactions, so the wait costs little.
/// (Across processes on one MongoDB this narrows, but does not close, the same race.)
/// </summary>
public sealed class CustomerBatchTurns
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for the turn; dispose the result to end it.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct).ConfigureAwait(false);
        return new Turn(_turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
