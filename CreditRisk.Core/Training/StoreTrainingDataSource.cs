using System.Collections.Concurrent;
using System.Globalization;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Training;

/// <summary>
/// Training rows from the store: every customer's observation dates and labels by <see cref="StoreLabelRule"/>, and
/// for each a feature vector from data strictly before <c>as_of</c> by <see cref="PointInTimeFeatures"/> (the same
/// leakage-free replay as file-based training). Customers are read a page at a time
/// (<see cref="StoreTrainingOptions.PageSize"/>) and only their feature rows are kept, so memory grows with the rows,
/// not with the stored transactions; a customer without an observable row costs one statement read.
/// </summary>
public sealed class StoreTrainingDataSource(ICreditRiskStore store, IOptions<StoreTrainingOptions> options, TimeProvider time)
{
    // Both adapters serve a customer's reads from an index; a few at once keep either busy without flooding it.
    private const int ParallelReads = 4;

    private static readonly DateTimeOffset HistoryStart = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Builds the rows, in customer id order then date order.</summary>
    /// <exception cref="TrainingDataException">
    /// Fewer rows than <see cref="StoreTrainingOptions.MinimumRows"/> or bad outcomes than
    /// <see cref="StoreTrainingOptions.MinimumPositives"/>; the message says how many there are and why rows are left out.
    /// </exception>
    public async Task<TrainingRows> BuildAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var rows = new List<LabeledRow>();
        var customers = 0;
        var hasTransactions = false;
        var hasStatements = false;
        string? after = null;
        while (true)
        {
            var ids = await store.Customers.ListIdsAsync(after, o.PageSize, ct).ConfigureAwait(false);
            if (ids.Count == 0)
            {
                break;
            }

            customers += ids.Count;
            after = ids[^1];
            var page = await ReadPageAsync(ids, o, today, ct).ConfigureAwait(false);
            hasTransactions |= page.HasTransactions;
            hasStatements |= page.HasStatements;
            if (page.LabelCount > 0)
            {
                rows.AddRange(PointInTimeFeatures.Build(page));
            }
        }

        var positives = rows.Count(r => r.Label);
        if (rows.Count < o.MinimumRows || positives < o.MinimumPositives)
        {
            throw new TrainingDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The store gives {rows.Count:N0} labelled rows with {positives:N0} bad outcomes from {customers:N0} customers; "
                + $"retraining needs at least {o.MinimumRows:N0} rows and {o.MinimumPositives:N0} bad outcomes "
                + $"({nameof(StoreTrainingOptions.MinimumRows)}, {nameof(StoreTrainingOptions.MinimumPositives)} in section {StoreTrainingOptions.SectionName}). "
                + $"A row needs {o.MinimumPriorStatements} earlier statements and statements covering the {o.OutcomeWindowDays}-day outcome window after it."));
        }

        return new TrainingRows
        {
            Rows = rows,
            Source = string.Create(CultureInfo.InvariantCulture, $"store: {store.Description}, {customers:N0} customers read on {today:yyyy-MM-dd}"),
            HasTransactions = hasTransactions,
            HasStatements = hasStatements,
            Details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["label_rule"] = $"first 30+ DPD (from stored statements) within {o.OutcomeWindowDays} days after as_of",
                ["outcome_window_days"] = o.OutcomeWindowDays.ToString(CultureInfo.InvariantCulture),
                ["minimum_prior_statements"] = o.MinimumPriorStatements.ToString(CultureInfo.InvariantCulture),
                ["store_customers"] = customers.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>One page of customers as a labelled history: only customers with an observable row, label indices in id order.</summary>
    private async Task<LabeledHistory> ReadPageAsync(IReadOnlyList<string> ids, StoreTrainingOptions o, DateOnly today, CancellationToken ct)
    {
        var profiles = await store.Customers.GetManyAsync([.. ids], ct).ConfigureAwait(false);
        var loaded = new ConcurrentDictionary<string, CustomerHistory>(StringComparer.Ordinal);
        var observations = new ConcurrentDictionary<string, IReadOnlyList<StoreObservation>>(StringComparer.Ordinal);
        var anyStatements = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct };
        await Parallel.ForEachAsync(ids.Where(profiles.ContainsKey), parallel, async (id, token) =>
        {
            var statements = await store.Statements.ListForCustomerAsync(id, int.MaxValue, token).ConfigureAwait(false);
            if (statements.Count > 0)
            {
                Interlocked.Exchange(ref anyStatements, 1);
            }

            var observed = StoreLabelRule.Observe(statements, o.OutcomeWindowDays, o.MinimumPriorStatements, today);
            if (observed.Count == 0)
            {
                return;
            }

            // Features never look at or after the last as_of, so nothing later is read.
            var until = new DateTimeOffset(observed[^1].AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var transactions = await store.Transactions.ListForCustomerAsync(id, HistoryStart, until, token).ConfigureAwait(false);
            var history = new CustomerHistory(id, profiles[id].CreditLimit);
            history.Transactions.AddRange(transactions.Select(CompactTransaction.From));

            history.Statements.AddRange(statements.Where(s => s.StatementDate < observed[^1].AsOf));
            loaded[id] = history;
            observations[id] = observed;
        }).ConfigureAwait(false);

        var customers = new Dictionary<string, CustomerHistory>(StringComparer.Ordinal);
        var labels = 0;
        foreach (var id in ids.Where(loaded.ContainsKey))
        {
            var history = loaded[id];
            foreach (var observation in observations[id])
            {
                history.Labels.Add(new LabelRow(labels++, observation.AsOf, observation.Bad));
            }

            customers[id] = history;
        }

        var hasTransactions = customers.Values.Any(c => c.Transactions.Count > 0);
        return new LabeledHistory(customers, labels, hasTransactions, anyStatements == 1, "store page");
    }
}
