using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Training;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// The stored recent history of the portfolio as a <see cref="ReplayHistory"/>: the last
/// <see cref="StoreReplayScope.LookBackDays"/> days of every chosen customer's transactions and statements, and their
/// first 30+ DPD dates by <see cref="StoreLabelRule.FirstDelinquency"/> over all their stored statements. With more
/// customers than <see cref="StoreReplayScope.MaxCustomers"/>, the chosen ones are those whose id hashes lowest
/// (SHA-256): the same customers every run, whatever order the store lists them in, and a new customer only changes
/// the sample if its id hashes below the others. Customers are read a page at a time.
/// </summary>
/// <remarks>
/// Left out: customers already 30+ DPD before the period (the early warning is not about them, as in the training
/// labels) and customers with nothing in the period. The replay starts without the history before the period, so
/// windows that need earlier data (spend change, minimum-due cycles) fill up over its first weeks.
/// </remarks>
public sealed class StoreReplayHistorySource(
    ICustomerRepository customers, ITransactionRepository transactions, IStatementRepository statements, TimeProvider time)
{
    // Both adapters serve a customer's reads from an index; a few at once keep either busy without flooding it.
    private const int ParallelReads = 4;

    /// <summary>Share of the progress spent listing and hashing the ids; the rest is reading the chosen histories.</summary>
    private const double ListingShare = 0.2;

    /// <summary>Reads the history; <paramref name="progress"/> hears the share done (0–1).</summary>
    public async Task<ReplayHistory> LoadAsync(StoreReplayScope scope, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfLessThan(scope.LookBackDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scope.MaxCustomers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scope.PageSize, 1);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = today.AddDays(1 - scope.LookBackDays);

        var (chosen, portfolio) = await ChooseAsync(scope, progress, ct).ConfigureAwait(false);
        var histories = new List<CustomerHistory>(chosen.Count);
        var delinquency = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        int alreadyDelinquent = 0, withoutData = 0;
        for (var page = 0; page * scope.PageSize < chosen.Count; page++)
        {
            var ids = chosen.Skip(page * scope.PageSize).Take(scope.PageSize).ToList();
            var read = await ReadPageAsync(ids, from, today, ct).ConfigureAwait(false);
            foreach (var id in ids)
            {
                switch (read.GetValueOrDefault(id))
                {
                    case { History: { } history, FirstDelinquency: var first }:
                        histories.Add(history);
                        if (first is { } day)
                        {
                            delinquency[id] = day;
                        }

                        break;
                    case { AlreadyDelinquent: true }:
                        alreadyDelinquent++;
                        break;
                    default:
                        withoutData++; // nothing in the period, or removed from the store meanwhile
                        break;
                }
            }

            progress?.Report(ListingShare + ((1 - ListingShare) * Math.Min(chosen.Count, (page + 1) * scope.PageSize) / chosen.Count));
        }

        var sample = new StoreSample(portfolio, chosen.Count, alreadyDelinquent, withoutData, from, today);
        var source = string.Create(
            CultureInfo.InvariantCulture,
            $"the store's history from {from:yyyy-MM-dd} to {today:yyyy-MM-dd} ({histories.Count:N0} of {portfolio:N0} customers)");
        return new ReplayHistory(histories, delinquency, source, alreadyDelinquent, sample);
    }

    /// <summary>The stable hash a customer is sampled by: the first 8 bytes of the SHA-256 of its id (UTF-8).</summary>
    internal static ulong SampleHash(string customerId) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(customerId)));

    /// <summary>Every id, a page at a time, keeping the <see cref="StoreReplayScope.MaxCustomers"/> that hash lowest; in id order.</summary>
    private async Task<(List<string> Chosen, int Portfolio)> ChooseAsync(StoreReplayScope scope, IProgress<double>? progress, CancellationToken ct)
    {
        var expected = Math.Max(1, await customers.CountAsync(ct).ConfigureAwait(false));

        // A max-heap of the lowest hashes so far: its top is the one to drop when a lower one comes.
        var kept = new PriorityQueue<string, (ulong Hash, string Id)>(Comparer<(ulong Hash, string Id)>.Create(
            (a, b) => b.Hash != a.Hash ? b.Hash.CompareTo(a.Hash) : string.CompareOrdinal(b.Id, a.Id)));
        var portfolio = 0;
        string? after = null;
        while (true)
        {
            var ids = await customers.ListIdsAsync(after, scope.PageSize, ct).ConfigureAwait(false);
            if (ids.Count == 0)
            {
                break;
            }

            foreach (var id in ids)
            {
                var key = (SampleHash(id), id);
                if (kept.Count < scope.MaxCustomers)
                {
                    kept.Enqueue(id, key);
                }
                else if (kept.TryPeek(out _, out var highest) && kept.Comparer.Compare(key, highest) > 0)
                {
                    kept.DequeueEnqueue(id, key);
                }
            }

            portfolio += ids.Count;
            after = ids[^1];
            progress?.Report(ListingShare * Math.Min(1, (double)portfolio / expected));
        }

        var chosen = kept.UnorderedItems.Select(x => x.Element).Order(StringComparer.Ordinal).ToList();
        return (chosen, portfolio);
    }

    private async Task<Dictionary<string, Loaded>> ReadPageAsync(List<string> ids, DateOnly from, DateOnly today, CancellationToken ct)
    {
        var profiles = await customers.GetManyAsync(ids, ct).ConfigureAwait(false);
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var loaded = new ConcurrentDictionary<string, Loaded>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct };
        await Parallel.ForEachAsync(ids.Where(profiles.ContainsKey), parallel, async (id, token) =>
        {
            // All statements, not only the period's: the first 30+ DPD date may lie before it.
            var all = await statements.ListForCustomerAsync(id, int.MaxValue, token).ConfigureAwait(false);
            var known = all.Where(s => s.StatementDate <= today).ToList();
            var firstDelinquency = StoreLabelRule.FirstDelinquency(known);
            if (firstDelinquency < from)
            {
                loaded[id] = new Loaded(null, firstDelinquency, AlreadyDelinquent: true);
                return;
            }

            var history = new CustomerHistory(id, profiles[id].CreditLimit);
            history.Statements.AddRange(known.Where(s => s.StatementDate >= from));
            var stored = await transactions.ListForCustomerAsync(id, start, end, token).ConfigureAwait(false);
            history.Transactions.AddRange(stored.Select(CompactTransaction.From));
            loaded[id] = history.Statements.Count + history.Transactions.Count == 0
                ? new Loaded(null, null, AlreadyDelinquent: false)
                : new Loaded(history, firstDelinquency, AlreadyDelinquent: false);
        }).ConfigureAwait(false);
        return new Dictionary<string, Loaded>(loaded, StringComparer.Ordinal);
    }

    private sealed record Loaded(CustomerHistory? History, DateOnly? FirstDelinquency, bool AlreadyDelinquent);
}
