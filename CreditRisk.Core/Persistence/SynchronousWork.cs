namespace CreditRisk.Core.Persistence;

/// <summary>
/// The embedded engines (LiteDB, SQLite) are synchronous: their adapters run the work inline, honour cancellation at
/// entry, and report failures through the returned task (as an async method would) rather than throwing at the call
/// site.
/// </summary>
internal static class SynchronousWork
{
    public static Task<T> Run<T>(Func<T> work, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(ct);
        }

        try
        {
            return Task.FromResult(work());
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    public static Task Run(Action work, CancellationToken ct) => Run(() =>
    {
        work();
        return true;
    }, ct);
}
