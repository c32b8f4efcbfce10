using CreditRisk.Core.Alerts;
using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Snapshots;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Risk;

/// <summary>
/// The real-time risk pipeline. Per accepted batch of transactions or statements, per customer: update the
/// behaviour profile → features → champion-model score (when one is registered) → expert rules → combined band →
/// compare with the prior band → on escalation to High, a pending alert (exactly one per escalation, keyed by the
/// prior state, see <see cref="EscalationKeys"/>) → store the assessment → mark the items applied → publish
/// <see cref="RiskAssessed"/>.
/// </summary>
/// <remarks>
/// Customers are processed in chunks under in-process per-customer locks (so updates for one customer are applied
/// one at a time), with bulk reads and writes per chunk. Profiles are saved with the store's optimistic version
/// check and retried on conflict, so several app instances sharing one database never lose an update.
/// The caller must pass each transaction once: the transaction store's idempotent insert decides what is new. A stored
/// transaction stays pending (<see cref="Transaction.AppliedAt"/> null) until its customer's assessment is stored, so
/// a crash at any point leaves a trace that <see cref="RecoverAsync"/> repairs by rebuilding the profile from the raw
/// history; see docs/risk-pipeline.md, "Crash safety", for why no crash point loses or double-counts a transaction or
/// an alert.
/// A customer who has a snapshot but no statement yet is assessed from the snapshot (<see cref="SnapshotRiskSource"/>);
/// their first statement hands them over to the behavioural profile (<see cref="RiskSources"/>).
/// </remarks>
public sealed class RiskPipeline(
    ICreditRiskStore store,
    IChampionModelProvider models,
    RuleSettingsService rules,
    IRiskEventPublisher events,
    CustomerLockTable locks,
    IOptions<BandingOptions> banding,
    IOptions<RiskPipelineOptions> options,
    TimeProvider time,
    ILogger<RiskPipeline> logger,
    SnapshotRiskSource? snapshots = null)
{
    /// <summary><see cref="Alert.TriggeredBy"/> of automatic alerts.</summary>
    public const string AlertActor = "pipeline";

    private readonly SequentialIds _ids = new();
    private readonly BehaviorAssessor _assessor = new(models, banding, logger);
    private readonly ProfileSaves _profiles = new(store.Profiles, store.Transactions, store.Statements, options, logger);
    private readonly EscalationAlerts _alerts = new(store.Alerts, options, logger);

    /// <summary>A new assessment id, in order with the pipeline's own (history sorts by time, then id).</summary>
    internal string NextAssessmentId(DateTimeOffset now) => _ids.Next(now);

    /// <summary>Processes newly accepted transactions (each exactly once); returns one assessment per customer.</summary>
    public Task<IReadOnlyList<RiskAssessment>> ProcessTransactionsAsync(IReadOnlyList<Transaction> transactions, CancellationToken ct = default) =>
        ProcessAsync(transactions, [], ct);

    /// <summary>Processes inserted or replaced statements; returns one assessment per customer.</summary>
    public Task<IReadOnlyList<RiskAssessment>> ProcessStatementsAsync(IReadOnlyList<Statement> statements, CancellationToken ct = default) =>
        ProcessAsync([], statements, ct);

    /// <summary>
    /// Processes transactions and statements together, grouped per customer; returns one assessment per customer,
    /// in order of first appearance. Each assessment speaks for the latest event time of its customer's items (or of
    /// the prior assessment, if later), capped at the current time, so replaying history gives a meaningful timeline.
    /// </summary>
    public async Task<IReadOnlyList<RiskAssessment>> ProcessAsync(
        IReadOnlyList<Transaction> transactions, IReadOnlyList<Statement> statements, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(statements);
        var work = new Dictionary<string, CustomerWork>(StringComparer.Ordinal);
        foreach (var transaction in transactions)
        {
            WorkFor(work, transaction.CustomerId).Transactions.Add(transaction);
        }

        foreach (var statement in statements)
        {
            WorkFor(work, statement.CustomerId).Statements.Add(statement);
        }

        return await RunAsync([.. work.Values], asOf: null, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-assesses one customer as of <paramref name="asOf"/> without new data, so windows move on even when the
    /// customer stops transacting (the nightly job). Escalations raise alerts as usual.
    /// </summary>
    public async Task<RiskAssessment> RescoreAsync(string customerId, DateTimeOffset asOf, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        return (await RescoreManyAsync([customerId], asOf, ct).ConfigureAwait(false))[0];
    }

    /// <summary>Re-assesses many customers as of <paramref name="asOf"/> with bulk reads and writes.</summary>
    public Task<IReadOnlyList<RiskAssessment>> RescoreManyAsync(
        IReadOnlyCollection<string> customerIds, DateTimeOffset asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        var work = customerIds.Distinct(StringComparer.Ordinal).Select(id => new CustomerWork(id)).ToList();
        return RunAsync(work, AssessmentTime.Truncate(asOf), ct);
    }

    /// <summary>
    /// Re-assesses customers as of their latest assessment (or now, without one) with nothing new applied: after a
    /// change of the customer record itself, such as the credit limit. Escalations raise alerts as usual.
    /// </summary>
    public Task<IReadOnlyList<RiskAssessment>> ReassessAsync(
        IReadOnlyCollection<string> customerIds, string trigger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        ArgumentException.ThrowIfNullOrEmpty(trigger);
        var work = customerIds.Distinct(StringComparer.Ordinal).Select(id => new CustomerWork(id) { ExplicitTrigger = trigger }).ToList();
        return RunAsync(work, asOf: null, ct);
    }

    /// <summary>
    /// Crash recovery: rebuilds each customer's profile from the stored raw history (exactly what the incremental
    /// updates give), re-assesses them (trigger <see cref="RiskTriggers.Recovery"/>, as of their newest pending
    /// transaction or prior assessment), raises any escalation alert not raised yet, and marks every pending
    /// transaction the rebuild absorbed as applied. Idempotent: running it again, or after a crash inside it, never
    /// counts a transaction twice nor raises a second alert for the same escalation.
    /// </summary>
    public Task<IReadOnlyList<RiskAssessment>> RecoverAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        var work = customerIds.Distinct(StringComparer.Ordinal).Select(id => new CustomerWork(id) { Rebuild = true }).ToList();
        return RunAsync(work, asOf: null, ct);
    }

    /// <summary>
    /// Recomputes a customer's profile from the stored raw history and saves it, without re-assessing (repair after a
    /// bug). The pending transactions it absorbed are marked applied. Returns the saved profile.
    /// </summary>
    public async Task<BehaviorProfile> RebuildProfileAsync(string customerId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        using var held = await locks.AcquireAsync([customerId], ct).ConfigureAwait(false);
        var now = AssessmentTime.Truncate(time.GetUtcNow());
        var stored = await store.Profiles.GetAsync(customerId, ct).ConfigureAwait(false);
        var (profile, absorbed, absorbedStatements) = await _profiles.RebuildAsync(customerId, stored, now, ct).ConfigureAwait(false);
        await store.Transactions.MarkAppliedAsync([.. absorbed.Select(t => t.Id)], now, ct).ConfigureAwait(false);
        await store.Statements.MarkAppliedAsync(absorbedStatements, ct).ConfigureAwait(false);
        return profile;
    }

    private async Task<IReadOnlyList<RiskAssessment>> RunAsync(List<CustomerWork> work, DateTimeOffset? asOf, CancellationToken ct)
    {
        var results = new List<RiskAssessment>(work.Count);
        foreach (var chunk in work.Chunk(options.Value.CustomersPerChunk))
        {
            var published = await RunChunkAsync(chunk, asOf, results, ct).ConfigureAwait(false);

            // After the locks are released: subscribers never hold up the next batch for these customers.
            foreach (var riskAssessed in published)
            {
                events.Publish(riskAssessed);
            }
        }

        return results;
    }

    private async Task<List<RiskAssessed>> RunChunkAsync(
        CustomerWork[] chunk, DateTimeOffset? asOf, List<RiskAssessment> results, CancellationToken ct)
    {
        var ids = chunk.Select(w => w.CustomerId).ToArray();
        using var held = await locks.AcquireAsync(ids, ct).ConfigureAwait(false);

        var customers = await store.Customers.GetManyAsync(ids, ct).ConfigureAwait(false);
        var profiles = await store.Profiles.GetManyAsync(ids, ct).ConfigureAwait(false);
        var priors = await store.Assessments.GetCurrentManyAsync(ids, ct).ConfigureAwait(false);
        var model = await _assessor.UsableModelAsync(ct).ConfigureAwait(false);
        var settings = await rules.GetCurrentAsync(ct).ConfigureAwait(false);
        var snapshotRows = await SnapshotsOfAsync(chunk, profiles, ct).ConfigureAwait(false);
        var snapshotModel = snapshotRows is { Count: > 0 } ? await snapshots!.ModelAsync(ct).ConfigureAwait(false) : null;
        var now = AssessmentTime.Truncate(time.GetUtcNow());
        await DropAlreadyAppliedAsync(chunk, ct).ConfigureAwait(false);
        await StatementsAsStored.ApplyAsync(store.Statements, chunk, ct).ConfigureAwait(false);

        var saved = await _profiles.SaveProfilesAsync([.. chunk.Where(w => !w.Rebuild && w.HasChanges)], profiles, now, ct).ConfigureAwait(false);
        var applied = new List<string>();
        var appliedStatements = new List<PendingStatement>();
        var assessments = new List<RiskAssessment>(chunk.Length);
        foreach (var work in chunk)
        {
            var profile = profiles.GetValueOrDefault(work.CustomerId);
            if (work.Rebuild)
            {
                (profile, var absorbed, var absorbedStatements) = await _profiles.RebuildAsync(work.CustomerId, profile, now, ct).ConfigureAwait(false);
                work.Transactions.AddRange(absorbed.Where(t => t.AppliedAt is null));
                appliedStatements.AddRange(absorbedStatements);
            }
            else if (work.HasChanges)
            {
                profile = saved[work.CustomerId];
            }

            applied.AddRange(work.Transactions.Select(t => t.Id));
            appliedStatements.AddRange(work.Statements.Select(PendingStatement.Of));
            var prior = priors.GetValueOrDefault(work.CustomerId);
            var snapshot = snapshotRows?.GetValueOrDefault(work.CustomerId);
            if (RiskSources.Of(profile, snapshot) == RiskSource.Snapshot)
            {
                assessments.Add(snapshots!.Assess(
                    _ids.Next(now), snapshot!, prior, snapshotModel, settings, AssessmentTime.Of(work, prior, profile, now, asOf), work.Trigger, now)
                    with { ProfileVersion = profile?.Version ?? 0 });
                continue;
            }

            assessments.Add(_assessor.Assess(
                _ids.Next(now),
                profile ?? ProfileUpdater.Empty(work.CustomerId),
                customers.GetValueOrDefault(work.CustomerId),
                prior,
                model,
                settings,
                AssessmentTime.Of(work, prior, profile, now, asOf),
                work.Trigger,
                now));
        }

        // The alert goes first: its key comes from the prior state, which stays current until the assessment below is
        // stored, so a crash in between makes recovery escalate from the same prior state and hit the same key. Storing
        // the assessment first would make the escalation look done to recovery and lose the alert.
        var alertOf = await _alerts.RaiseAsync(assessments, priors, now, ct).ConfigureAwait(false);
        var published = assessments
            .Select(a => new RiskAssessed(a, EscalationAlerts.IsEscalation(a), alertOf.GetValueOrDefault(a.Id)))
            .ToList();

        await store.Assessments.AddManyAsync(assessments, ct).ConfigureAwait(false);
        results.AddRange(assessments);

        // Last: until now a crash leaves these transactions and statements pending, and recovery rebuilds their customers.
        await store.Transactions.MarkAppliedAsync(applied, now, ct).ConfigureAwait(false);
        await store.Statements.MarkAppliedAsync(appliedStatements, ct).ConfigureAwait(false);
        return published;
    }

    /// <summary>
    /// The snapshots of the chunk's customers who have no statement and get none now — only they can be scored from a
    /// snapshot, so statement ingestion and the re-score of customers with statements never pay for the lookup.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, CustomerSnapshot>?> SnapshotsOfAsync(
        CustomerWork[] chunk, IReadOnlyDictionary<string, BehaviorProfile> profiles, CancellationToken ct)
    {
        var candidates = snapshots is null ? [] : chunk
            .Where(w => w.Statements.Count == 0 && !RiskSources.HasStatement(profiles.GetValueOrDefault(w.CustomerId)))
            .Select(w => w.CustomerId)
            .ToArray();
        return candidates.Length == 0 ? null : await snapshots!.GetManyAsync(candidates, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes from the batch the transactions already applied: a recovery (which rebuilds from the stored history and
    /// marks what it absorbed) may have run for these customers between their storage and this point. Checked under
    /// the customer locks, which the recovery takes too, so the two never both count a transaction.
    /// </summary>
    private async Task DropAlreadyAppliedAsync(CustomerWork[] chunk, CancellationToken ct)
    {
        var ids = chunk.Where(w => !w.Rebuild).SelectMany(w => w.Transactions).Select(t => t.Id).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var applied = await store.Transactions.ListAppliedAsync(ids, ct).ConfigureAwait(false);
        var skipped = 0;
        foreach (var work in chunk.Where(w => !w.Rebuild && applied.Count > 0))
        {
            skipped += work.Transactions.RemoveAll(t => applied.Contains(t.Id));
        }

        if (skipped > 0)
        {
            logger.LogInformation("Skipped {Count} transactions a recovery had already applied", skipped);
        }
    }

    private static CustomerWork WorkFor(Dictionary<string, CustomerWork> work, string customerId)
    {
        if (!work.TryGetValue(customerId, out var customer))
        {
            customer = new CustomerWork(customerId);
            work.Add(customerId, customer);
        }

        return customer;
    }


}
