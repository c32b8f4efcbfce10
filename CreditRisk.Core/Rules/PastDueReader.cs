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

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
