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

    private sealed class StaleAssessments(IRiskAssessmentRepository inner, IReadOnlyDictionary<string, CustomerRisk> snapshot) : IRiskAssessmentRepository
    {
        public Task<IReadOnlyDictionary<string, CustomerRisk>> GetCurrentManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyDictionary<string, CustomerRisk>>(
                customerIds.Where(snapshot.ContainsKey).ToDictionary(id => id, id => snapshot[id], StringComparer.Ordinal));

        public Task AddManyAsync(IReadOnlyCollection<RiskAssessment> assessments, CancellationToken ct = default) => inner.AddManyAsync(assessments, ct);

        public Task<RiskAssessment?> GetLatestAsync(string customerId, CancellationToken ct = default) => inner.GetLatestAsync(customerId, ct);

        public Task<IReadOnlyList<RiskAssessment>> ListHistoryAsync(string customerId, int take, CancellationToken ct = default) =>
            inner.ListHistoryAsync(customerId, take, ct);

        public Task<IReadOnlyList<CustomerRisk>> QueryCurrentAsync(RiskBand? band, double minScore, int skip, int take, CancellationToken ct = default) =>
            inner.QueryCurrentAsync(band, minScore, skip, take, ct);

        public Task<long> CountCurrentAsync(RiskBand? band, double minScore, CancellationToken ct = default) => inner.CountCurrentAsync(band, minScore, ct);

        public Task<IReadOnlyDictionary<string, long>> CountCurrentByRuleAsync(IReadOnlyCollection<string> ruleIds, CancellationToken ct = default) =>
            inner.CountCurrentByRuleAsync(ruleIds, ct);

        public Task<IReadOnlyDictionary<RiskBand, long>> CountByBandAsync(CancellationToken ct = default) => inner.CountByBandAsync(ct);

        public Task<CurrentRiskPage> QueryCurrentPageAsync(CurrentRiskQuery query, CancellationToken ct = default) => inner.QueryCurrentPageAsync(query, ct);

        public Task<IReadOnlyList<RiskBandChange>> ListBandChangesSinceAsync(DateTimeOffset since, int take, CancellationToken ct = default) =>
            inner.ListBandChangesSinceAsync(since, take, ct);
    }
}
