namespace CreditRisk.Core.Snapshots;

/// <summary>
/// A store that keeps customer snapshots. Both adapters implement it beside <c>ICreditRiskStore</c> rather than in it,
/// so the snapshot capability stays in its own folder and code that needs only snapshots takes only the repository.
/// </summary>
public interface ICustomerSnapshotStore
{
    ICustomerSnapshotRepository Snapshots { get; }
}
