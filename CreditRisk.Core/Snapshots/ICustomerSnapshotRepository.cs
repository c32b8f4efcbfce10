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

    /// <summary>
    /// Writes one import batch: upserts the customers and the snapshots, adds each alert unless an alert with its
    /// escalation key is stored already (as <c>IAlertRepository.TryAddAsync</c>), and stores the assessments (as
    /// <c>IRiskAssessmentRepository.AddManyAsync</c>). The embedded store writes it all in one transaction, so a batch
    /// is stored whole or not at all; MongoDB writes the parts in that order. Returns the ids of the alerts added.
    /// </summary>
    Task<IReadOnlySet<string>> WriteImportBatchAsync(SnapshotImportBatch batch, CancellationToken ct = default);
}
