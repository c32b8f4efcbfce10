using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// What one batch of a snapshot import writes (<see cref="ICustomerSnapshotRepository.WriteImportBatchAsync"/>): the
/// customer records that are new or changed, every row as its customer's snapshot, the pending alert of each escalation
/// into High, and the assessments (history and current risk, as <c>IRiskAssessmentRepository.AddManyAsync</c> stores them).
/// </summary>
public sealed record SnapshotImportBatch(
    IReadOnlyCollection<Customer> Customers,
    IReadOnlyCollection<CustomerSnapshot> Snapshots,
    IReadOnlyCollection<Alert> Alerts,
    IReadOnlyCollection<RiskAssessment> Assessments);
