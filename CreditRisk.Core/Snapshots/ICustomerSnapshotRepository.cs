namespace CreditRisk.Core.Snapshots;

/// <summary>The latest snapshot row of each customer, keyed by customer id.</summary>
public interface ICustomerSnapshotRepository
{
    /// <summary>Stores the snapshots, replacing a customer's earlier one, in one bulk write.</summary>
    Task UpsertManyAsync(IReadOnlyCollection<CustomerSnapshot> snapshots, CancellationToken ct = default);

    Task<CustomerSnapshot?> GetAsync(string customerId, CancellationToken ct = default);

    /// <summary>The snapshots among <paramref name="customerIds"/> that exist, keyed by customer id.</summary>
    Task<IReadOnlyDictionary<string, CustomerSnapshot>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default);

    Task<long> CountAsync(CancellationToken ct = default);
}
