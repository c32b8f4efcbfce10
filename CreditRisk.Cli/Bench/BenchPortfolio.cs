using CreditRisk.Core.Customers;
using CreditRisk.Core.Features;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Simulation;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Cli.Bench;

/// <summary>
/// The bench portfolio: a few thousand simulated customers whose behaviour profiles (built from their history up to
/// <see cref="LiveFrom"/>) are cloned under new ids up to the requested customer count, so 100,000 realistic profiles
/// cost seconds rather than a 100,000-customer simulation. Their last <see cref="LiveDays"/> days of transactions are
/// the "live" stream the pipeline figures replay, one copy per clone.
/// </summary>
internal sealed class BenchPortfolio
{
    public const int LiveDays = 30;

    private readonly List<BaseCustomer> _bases;

    private BenchPortfolio(int customers, List<BaseCustomer> bases, DateTimeOffset liveFrom, DateOnly end)
    {
        Customers = customers;
        _bases = bases;
        LiveFrom = liveFrom;
        End = end;
    }

    public int Customers { get; }

    public int BaseCustomers => _bases.Count;

    public DateTimeOffset LiveFrom { get; }

    public DateOnly End { get; }

    public static BenchPortfolio Create(int customers, int baseCustomers, DateOnly end, TimeProvider time)
    {
        var liveFrom = new DateTimeOffset(end.AddDays(-LiveDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var bases = new List<BaseCustomer>(baseCustomers);
        foreach (var simulated in new PortfolioSimulator(time).Generate(
            new SimulationOptions { Customers = baseCustomers, Months = 7, EndDate = end, Seed = 11 }))
        {
            var history = simulated.Transactions.Where(t => t.Timestamp < liveFrom).ToList();
            var statements = simulated.Statements.Where(s => s.StatementDate.ToDateTime(TimeOnly.MinValue) < liveFrom.UtcDateTime).ToList();
            var live = simulated.Transactions.Where(t => t.Timestamp >= liveFrom).OrderBy(t => t.Timestamp).ToList();
            bases.Add(new BaseCustomer(simulated.Customer, ProfileBuilder.Build(simulated.Customer.Id, history, statements), live));
        }

        return new BenchPortfolio(customers, bases, liveFrom, end);
    }

    public static string CustomerId(int index) => $"bench-{index:D7}";

    public Customer CustomerAt(int index)
    {
        var source = _bases[index % _bases.Count].Customer;
        return source with { Id = CustomerId(index), Phone = $"+4470{index:D8}" };
    }

    public BehaviorProfile ProfileAt(int index) => _bases[index % _bases.Count].Profile with { CustomerId = CustomerId(index) };

    public decimal CreditLimitAt(int index) => _bases[index % _bases.Count].Customer.CreditLimit;

    /// <summary>The base profiles, for scoring vectors.</summary>
    public IEnumerable<(BehaviorProfile Profile, decimal CreditLimit)> BaseProfiles() => _bases.Select(b => (b.Profile, b.Customer.CreditLimit));

    /// <summary>
    /// The live stream in time order: every base transaction, once per clone of its customer, with ids unique per
    /// <paramref name="tag"/> so several figures can replay the stream into one store.
    /// </summary>
    public IEnumerable<Transaction> LiveStream(string tag)
    {
        var merged = _bases.SelectMany((b, i) => b.Live.Select(t => (Base: i, Transaction: t))).OrderBy(x => x.Transaction.Timestamp);
        foreach (var (baseIndex, transaction) in merged)
        {
            for (var index = baseIndex; index < Customers; index += _bases.Count)
            {
                yield return transaction with { Id = $"{tag}-{transaction.Id}-{index}", CustomerId = CustomerId(index) };
            }
        }
    }

    public static TransactionInput ToInput(Transaction t) => new()
    {
        TransactionId = t.Id,
        CustomerId = t.CustomerId,
        Timestamp = t.Timestamp,
        Amount = t.Amount,
        Type = WireFormat.ToWireName(t.Type),
        MerchantCategory = t.MerchantCategory,
        MerchantId = t.MerchantId,
        Channel = t.Channel,
    };

    private sealed record BaseCustomer(Customer Customer, BehaviorProfile Profile, List<Transaction> Live);
}
