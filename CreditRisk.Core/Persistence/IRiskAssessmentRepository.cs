using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Persistence;

public interface IRiskAssessmentRepository
{
    /// <summary>
    /// Appends assessments to the history and makes each the customer's current risk, in one bulk write.
    /// Replaying an assessment (same id) replaces it rather than adding a second entry; when a batch holds several for one
    /// customer, the last in the batch is current. The current row is <see cref="CustomerRiskProjection.From"/>, written
    /// only where <see cref="CustomerRiskProjection.MayReplace"/> allows: a stored row computed from a newer profile
    /// (<see cref="RiskAssessment.ProfileVersion"/>) stays current, and the assessment only joins the history.
    /// </summary>
    Task AddManyAsync(IReadOnlyCollection<RiskAssessment> assessments, CancellationToken ct = default);

    Task<RiskAssessment?> GetLatestAsync(string customerId, CancellationToken ct = default);

    /// <summary>A customer's assessments, newest first.</summary>
    Task<IReadOnlyList<RiskAssessment>> ListHistoryAsync(string customerId, int take, CancellationToken ct = default);

    /// <summary>The assessments among <paramref name="assessmentIds"/> that exist, keyed by assessment id (one read).</summary>
    Task<IReadOnlyDictionary<string, RiskAssessment>> GetManyAsync(IReadOnlyCollection<string> assessmentIds, CancellationToken ct = default);

    Task<IReadOnlyDictionary<string, CustomerRisk>> GetCurrentManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default);

    /// <summary>Current risks filtered by band (null = any) and minimum score (inclusive), highest score first.</summary>
    Task<IReadOnlyList<CustomerRisk>> QueryCurrentAsync(RiskBand? band, double minScore, int skip, int take, CancellationToken ct = default);

    Task<long> CountCurrentAsync(RiskBand? band, double minScore, CancellationToken ct = default);

    /// <summary>
    /// The current scores given by model <paramref name="modelVersion"/> (<see cref="CustomerRisk.ModelVersion"/>), counted
    /// in the bins that <paramref name="upperEdges"/> (ascending) close: bin i holds scores in (edge i−1, edge i], the
    /// first every score up to edge 0, and one more bin every score above the last edge. Customers scored by another
    /// model (an older champion, the snapshot model) or by the rules alone are not counted. SQLite and MongoDB count each
    /// edge on an index; LiteDB reads the model's rows once through its model-version index and bins them.
    /// </summary>
    Task<IReadOnlyList<long>> CountCurrentScoresOfModelAsync(string modelVersion, IReadOnlyList<double> upperEdges, CancellationToken ct = default);

    /// <summary>
    /// How many customers' current assessment has a hit of each of <paramref name="ruleIds"/> (<see cref="CustomerRisk.RuleIds"/>);
    /// every requested id is present, with 0 when none. One indexed count per rule.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> CountCurrentByRuleAsync(IReadOnlyCollection<string> ruleIds, CancellationToken ct = default);

    /// <summary>How many customers are currently in each band; every band is present, with 0 when none.</summary>
    Task<IReadOnlyDictionary<RiskBand, long>> CountByBandAsync(CancellationToken ct = default);

    /// <summary>
    /// A page of current risks for the grid, filtered, sorted (ties broken by customer id) and counted. Uses indexes
    /// (band+score, score, reasons); the alert-status filter reads the alerts of that status, never every customer.
    /// </summary>
    Task<CurrentRiskPage> QueryCurrentPageAsync(CurrentRiskQuery query, CancellationToken ct = default);

    /// <summary>
    /// Assessments made at or after <paramref name="since"/> whose band differs from the customer's previous band
    /// (first assessments included, with a null <see cref="RiskBandChange.From"/>), newest first, at most
    /// <paramref name="take"/>: past the limit the oldest are the ones left out, so what is read is complete from the
    /// oldest change returned up to now. Portfolio trends and migration matrices are built from these without reading
    /// the history.
    /// </summary>
    Task<IReadOnlyList<RiskBandChange>> ListBandChangesSinceAsync(DateTimeOffset since, int take, CancellationToken ct = default);
}
