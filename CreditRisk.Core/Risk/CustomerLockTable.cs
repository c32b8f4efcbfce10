namespace CreditRisk.Core.Risk;

/// <summary>
/// In-process ordering per customer: striped async locks, taken in ascending stripe order so that batches sharing
/// customers never deadlock. Different processes are kept correct by the profile's optimistic version instead.
/// </summary>
public sealed class CustomerLockTable
{
    /// <summary>Number of stripes (customers hash onto them).</summary>
    public const int Stripes = 1_024;

    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for the locks of every customer in <paramref name="customerIds"/>; dispose the result to release them.</summary>
    public async Task<IDisposable> AcquireAsync(IEnumerable<string> customerIds, CancellationToken ct = default)
    {
        var stripes = customerIds
            .Select(id => (int)((uint)StringComparer.Ordinal.GetHashCode(id) % Stripes))
            .Distinct()
            .Order()
            .ToArray();
        var taken = 0;
        try
        {
            for (; taken < stripes.Length; taken++)
            {
                await _stripes[stripes[taken]].WaitAsync(ct).ConfigureAwait(false);
            }
        }
        catch
        {
            Release(stripes, taken);
            throw;
        }

        return new Releaser(this, stripes);
    }

    private void Release(int[] stripes, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            _stripes[stripes[i]].Release();
        }
    }

    private sealed class Releaser(CustomerLockTable table, int[] stripes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                table.Release(stripes, stripes.Length);
            }
        }
    }
}
