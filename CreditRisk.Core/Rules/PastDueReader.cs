using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Rules;

/// <summary>
/// Reads a customer's <see cref="PastDuePosition"/>: their latest statements, the grace days in force and the
/// reference day. The one place every screen gets days past due from.
/// </summary>
public sealed class PastDueReader(IStatementRepository statements, RuleSettingsService rules, TimeProvider time)
{
    /// <summary>Statements read: as many as a behaviour profile keeps, so the run is counted from the rule's cycles.</summary>
    public const int StatementWindow = Features.ProfileWindow.Cycles;

    /// <param name="customerId">The customer.</param>
    /// <param name="assessedAt">Their latest assessment's <c>AssessedAt</c>; null before the first.</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task<PastDuePosition> GetAsync(string customerId, DateTimeOffset? assessedAt, CancellationToken ct = default)
    {
        var graceDays = (await rules.GetCurrentAsync(ct).ConfigureAwait(false)).PastDueGraceDays;
        var recent = await statements.ListForCustomerAsync(customerId, StatementWindow, ct).ConfigureAwait(false);
        return PastDuePosition.Of(recent, assessedAt, Today, graceDays);
    }

    /// <summary>
    /// <see cref="GetAsync"/> for a page of customers in one statements read (the high-risk grid and its export).
    /// </summary>
    /// <param name="customers">Each customer with their latest assessment's <c>AssessedAt</c> (null before the first).</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task<IReadOnlyDictionary<string, PastDuePosition>> GetManyAsync(
        IReadOnlyCollection<(string CustomerId, DateTimeOffset? AssessedAt)> customers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var graceDays = (await rules.GetCurrentAsync(ct).ConfigureAwait(false)).PastDueGraceDays;
        var recent = await statements.ListForCustomersAsync([.. customers.Select(c => c.CustomerId)], StatementWindow, ct).ConfigureAwait(false);
        var today = Today;
        var positions = new Dictionary<string, PastDuePosition>(StringComparer.Ordinal);
        foreach (var (customerId, assessedAt) in customers)
        {
            positions[customerId] = PastDuePosition.Of(recent.GetValueOrDefault(customerId) ?? [], assessedAt, today, graceDays);
        }

        return positions;
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
