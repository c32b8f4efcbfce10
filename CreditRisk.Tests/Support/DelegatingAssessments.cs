using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;

namespace CreditRisk.Tests.Support;

/// <summary>
/// Forwards every assessment call to a real repository, so a test double overrides only the calls it changes (as
/// <see cref="DelegatingStore"/> does for the whole store).
/// </summary>
public abstract class DelegatingAssessments(IRiskAssessmentRepository inner) : IRiskAssessmentRepository
{
    protected IRiskAssessmentRepository Inner => inner;

    public virtual Task<IReadOnlyDictionary<string, CustomerRisk>> GetCurrentManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        inner.GetCurrentManyAsync(customerIds, ct);

    public virtual Task<IReadOnlyDictionary<string, RiskAssessment>> GetManyAsync(IReadOnlyCollection<string> assessmentIds, CancellationToken ct = default) =>
        inner.GetManyAsync(assessmentIds, ct);

    public virtual Task AddManyAsync(IReadOnlyCollection<RiskAssessment> assessments, CancellationToken ct = default) => inner.AddManyAsync(assessments, ct);

    public virtual Task<RiskAssessment?> GetLatestAsync(string customerId, CancellationToken ct = default) => inner.GetLatestAsync(customerId, ct);

    public virtual Task<IReadOnlyList<RiskAssessment>> ListHistoryAsync(string customerId, int take, CancellationToken ct = default) =>
        inner.ListHistoryAsync(customerId, take, ct);

    public virtual Task<IReadOnlyList<CustomerRisk>> QueryCurrentAsync(RiskBand? band, double minScore, int skip, int take, CancellationToken ct = default) =>
        inner.QueryCurrentAsync(band, minScore, skip, take, ct);

    public virtual Task<long> CountCurrentAsync(RiskBand? band, double minScore, CancellationToken ct = default) => inner.CountCurrentAsync(band, minScore, ct);

    public virtual Task<IReadOnlyList<long>> CountCurrentScoresOfModelAsync(string modelVersion, IReadOnlyList<double> upperEdges, CancellationToken ct = default) =>
        inner.CountCurrentScoresOfModelAsync(modelVersion, upperEdges, ct);

    public virtual Task<IReadOnlyDictionary<string, long>> CountCurrentByRuleAsync(IReadOnlyCollection<string> ruleIds, CancellationToken ct = default) =>
        inner.CountCurrentByRuleAsync(ruleIds, ct);

    public virtual Task<IReadOnlyDictionary<RiskBand, long>> CountByBandAsync(CancellationToken ct = default) => inner.CountByBandAsync(ct);

    public virtual Task<CurrentRiskPage> QueryCurrentPageAsync(CurrentRiskQuery query, CancellationToken ct = default) => inner.QueryCurrentPageAsync(query, ct);

    public virtual Task<IReadOnlyList<RiskBandChange>> ListBandChangesSinceAsync(DateTimeOffset since, int take, CancellationToken ct = default) =>
        inner.ListBandChangesSinceAsync(since, take, ct);
}
