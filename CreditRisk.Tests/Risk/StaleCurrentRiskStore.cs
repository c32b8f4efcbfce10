using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Risk;

/// <summary>
/// A store whose current-risk reads answer with a snapshot taken earlier: what another app instance sees when it
/// read the customers' current risk just before a third run stored a newer one.
/// </summary>
internal sealed class StaleCurrentRiskStore(ICreditRiskStore inner, IReadOnlyDictionary<string, CustomerRisk> snapshot) : DelegatingStore(inner)
{
    public override IRiskAssessmentRepository Assessments => new StaleAssessments(Inner.Assessments, snapshot);

    private sealed class StaleAssessments(IRiskAssessmentRepository inner, IReadOnlyDictionary<string, CustomerRisk> snapshot) : DelegatingAssessments(inner)
    {
        public override Task<IReadOnlyDictionary<string, CustomerRisk>> GetCurrentManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyDictionary<string, CustomerRisk>>(
                customerIds.Where(snapshot.ContainsKey).ToDictionary(id => id, id => snapshot[id], StringComparer.Ordinal));
    }
}
