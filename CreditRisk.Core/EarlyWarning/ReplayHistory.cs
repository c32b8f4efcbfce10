using CreditRisk.Core.Training;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// What a replay replays: each customer's history (transactions, statements, credit limit) and the first 30+ DPD date
/// of those who reached it. Read once and replayable any number of times (each replay keeps its own cursor), so two
/// settings can be compared on exactly the same customers. From a data directory (<see cref="FromDirectory"/>) or from
/// the store (<see cref="StoreReplayHistorySource"/>).
/// </summary>
public sealed class ReplayHistory
{
    internal ReplayHistory(
        IReadOnlyList<CustomerHistory> customers,
        IReadOnlyDictionary<string, DateOnly> delinquency,
        string source,
        int alreadyDelinquent,
        StoreSample? sample = null)
    {
        Customers = customers;
        Delinquency = delinquency;
        Source = source;
        AlreadyDelinquent = alreadyDelinquent;
        Sample = sample;
    }

    /// <summary>
    /// Customers left out because they were already 30+ DPD before their data begins (a data directory) or before the
    /// period (the store): no warning about them could have come early.
    /// </summary>
    public int AlreadyDelinquent { get; }

    /// <summary>How the customers were chosen from the store; null for a data directory (every customer).</summary>
    public StoreSample? Sample { get; }

    /// <summary>Where the history came from, for reports: a directory's full path, or the store sample's description.</summary>
    public string Source { get; }

    /// <summary>First 30+ DPD date of each customer who reached it.</summary>
    public IReadOnlyDictionary<string, DateOnly> Delinquency { get; }

    public int CustomerCount => Customers.Count;

    /// <summary>In customer id order (ordinal), so shards and results do not depend on how the history was read.</summary>
    internal IReadOnlyList<CustomerHistory> Customers { get; }

    /// <summary>
    /// customers.csv, transactions.csv and/or statements.csv, and delinquency_events.csv of <paramref name="directory"/>
    /// (what <c>simulate</c> writes), none of it dated after <paramref name="today"/>. As from the store, customers already
    /// 30+ DPD before their first transaction or statement are left out and counted in <see cref="AlreadyDelinquent"/>:
    /// kept, they counted as delinquent customers the warning missed and lowered <c>flagged_ahead</c>.
    /// </summary>
    /// <exception cref="TrainingDataException">The directory is incomplete or malformed, or has a row dated after today.</exception>
    public static ReplayHistory FromDirectory(string directory, DateOnly today)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var history = TrainingDataReader.Read(directory, withLabels: false, latest: today);
        var events = TrainingDataReader.ReadDelinquencyEvents(directory, history);
        var customers = new List<CustomerHistory>(history.Customers.Count);
        var delinquency = new Dictionary<string, DateOnly>(events.Count, StringComparer.Ordinal);
        var alreadyDelinquent = 0;
        foreach (var customer in history.Customers.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            if (events.TryGetValue(customer.Id, out var day))
            {
                if (day < FirstDataDay(customer))
                {
                    alreadyDelinquent++;
                    continue;
                }

                delinquency[customer.Id] = day;
            }

            customers.Add(customer);
        }

        return new ReplayHistory(customers, delinquency, history.Source, alreadyDelinquent);
    }

    /// <summary>The customer's first day with a transaction or statement (UTC); null without any.</summary>
    private static DateOnly? FirstDataDay(CustomerHistory customer)
    {
        DateOnly? first = customer.Statements.Count == 0 ? null : customer.Statements.Min(s => s.StatementDate);
        if (customer.Transactions.Count > 0)
        {
            var day = DateOnly.FromDateTime(new DateTime(customer.Transactions.Min(t => t.UtcTicks), DateTimeKind.Utc));
            first = first is { } statement && statement < day ? statement : day;
        }

        return first;
    }
}

/// <summary>Which stored customers a store replay holds and why others are left out.</summary>
/// <param name="PortfolioCustomers">Customers in the store.</param>
/// <param name="Sampled">Customers chosen (all of them, or those whose id hashes lowest).</param>
/// <param name="AlreadyDelinquent">Chosen but left out: first 30+ DPD before the period, not a customer to warn early about.</param>
/// <param name="WithoutData">Chosen but left out: no transaction or statement in the period.</param>
/// <param name="From">First day of the period (UTC).</param>
/// <param name="To">Last day of the period (UTC): the day the history was read.</param>
public sealed record StoreSample(int PortfolioCustomers, int Sampled, int AlreadyDelinquent, int WithoutData, DateOnly From, DateOnly To);
