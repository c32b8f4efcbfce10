using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
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
/// prior state, see <see cref="EscalationKeys"/>) → store the assessment → mark the transactions applied → publish
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
/// A customer who has a snapshot but no raw data yet is assessed from the snapshot (<see cref="SnapshotRiskSource"/>);
/// their first transaction or statement hands them over to the behavioural profile (<see cref="RiskSources"/>).
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

    private static readonly DateTimeOffset HistoryStart = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset HistoryEnd = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SequentialIds _ids = new();
    private string? _rejectedModelVersion;

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
        return RunAsync(work, Truncate(asOf), ct);
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
        var now = Truncate(time.GetUtcNow());
        var stored = await store.Profiles.GetAsync(customerId, ct).ConfigureAwait(false);
        var (profile, absorbed) = await RebuildAsync(customerId, stored, now, ct).ConfigureAwait(false);
        await store.Transactions.MarkAppliedAsync([.. absorbed.Select(t => t.Id)], now, ct).ConfigureAwait(false);
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
        var model = await UsableModelAsync(ct).ConfigureAwait(false);
        var settings = await rules.GetCurrentAsync(ct).ConfigureAwait(false);
        var snapshotRows = await SnapshotsOfAsync(chunk, profiles, ct).ConfigureAwait(false);
        var snapshotModel = snapshotRows is { Count: > 0 } ? await snapshots!.ModelAsync(ct).ConfigureAwait(false) : null;
        var now = Truncate(time.GetUtcNow());
        await DropAlreadyAppliedAsync(chunk, ct).ConfigureAwait(false);

        var saved = await SaveProfilesAsync([.. chunk.Where(w => !w.Rebuild && w.HasChanges)], profiles, now, ct).ConfigureAwait(false);
        var applied = new List<string>();
        var assessments = new List<RiskAssessment>(chunk.Length);
        foreach (var work in chunk)
        {
            var profile = profiles.GetValueOrDefault(work.CustomerId);
            if (work.Rebuild)
            {
                (profile, var absorbed) = await RebuildAsync(work.CustomerId, profile, now, ct).ConfigureAwait(false);
                work.Transactions.AddRange(absorbed.Where(t => t.AppliedAt is null));
            }
            else if (work.HasChanges)
            {
                profile = saved[work.CustomerId];
            }

            applied.AddRange(work.Transactions.Select(t => t.Id));
            var prior = priors.GetValueOrDefault(work.CustomerId);
            var snapshot = snapshotRows?.GetValueOrDefault(work.CustomerId);
            if (RiskSources.Of(profile, snapshot) == RiskSource.Snapshot)
            {
                assessments.Add(snapshots!.Assess(
                    _ids.Next(now), snapshot!, prior, snapshotModel, settings, asOf ?? EventTime(work, prior, profile, now), work.Trigger)
                    with { ProfileVersion = profile?.Version ?? 0 });
                continue;
            }

            assessments.Add(Assess(
                profile ?? ProfileUpdater.Empty(work.CustomerId),
                customers.GetValueOrDefault(work.CustomerId),
                prior,
                model,
                settings,
                asOf ?? EventTime(work, prior, profile, now),
                work.Trigger,
                now));
        }

        // The alert goes first: its key comes from the prior state, which stays current until the assessment below is
        // stored, so a crash in between makes recovery escalate from the same prior state and hit the same key. Storing
        // the assessment first would make the escalation look done to recovery and lose the alert.
        var published = new List<RiskAssessed>(assessments.Count);
        foreach (var assessment in assessments)
        {
            var escalated = assessment.Band == RiskBand.High && assessment.PreviousBand != RiskBand.High;
            string? alertId = null;
            if (escalated)
            {
                alertId = await RaiseAlertAsync(assessment, priors.GetValueOrDefault(assessment.CustomerId), now, ct).ConfigureAwait(false);
            }

            published.Add(new RiskAssessed(assessment, escalated, alertId));
        }

        await store.Assessments.AddManyAsync(assessments, ct).ConfigureAwait(false);
        results.AddRange(assessments);

        // Last: until now a crash leaves these transactions pending, and recovery rebuilds their customers.
        await store.Transactions.MarkAppliedAsync(applied, now, ct).ConfigureAwait(false);
        return published;
    }

    /// <summary>
    /// The snapshots of the chunk's customers who have no raw data and get none now — only they can be scored from a
    /// snapshot, so ingestion and the re-score of behavioural customers never pay for the lookup.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, CustomerSnapshot>?> SnapshotsOfAsync(
        CustomerWork[] chunk, IReadOnlyDictionary<string, BehaviorProfile> profiles, CancellationToken ct)
    {
        var candidates = snapshots is null ? [] : chunk
            .Where(w => !w.HasChanges && !w.Rebuild && !RiskSources.HasRawData(profiles.GetValueOrDefault(w.CustomerId)))
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

    /// <summary>
    /// Builds the profile from the customer's whole stored history and saves it over <paramref name="stored"/>
    /// (re-reading on a version conflict). Returns the saved profile and every transaction it was built from.
    /// </summary>
    private async Task<(BehaviorProfile Profile, IReadOnlyList<Transaction> Absorbed)> RebuildAsync(
        string customerId, BehaviorProfile? stored, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var transactions = await store.Transactions.ListForCustomerAsync(customerId, HistoryStart, HistoryEnd, ct).ConfigureAwait(false);
            var statements = await store.Statements.ListForCustomerAsync(customerId, ProfileWindow.Cycles, ct).ConfigureAwait(false);
            var rebuilt = ProfileBuilder.Build(customerId, transactions, statements) with { UpdatedAt = now };
            var expected = stored?.Version ?? 0;
            if (await store.Profiles.TrySaveAsync(rebuilt, expected, ct).ConfigureAwait(false))
            {
                return (rebuilt with { Version = expected + 1 }, transactions);
            }

            ThrowIfExhausted(customerId, attempt);
            stored = await store.Profiles.GetAsync(customerId, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Applies each customer's items to their profile and saves them all in one grouped write; a customer whose stored
    /// profile changed underneath (another instance) is redone alone from the stored version. Returns the saved profiles.
    /// </summary>
    private async Task<Dictionary<string, BehaviorProfile>> SaveProfilesAsync(
        CustomerWork[] changed, IReadOnlyDictionary<string, BehaviorProfile> stored, DateTimeOffset now, CancellationToken ct)
    {
        var saved = new Dictionary<string, BehaviorProfile>(changed.Length, StringComparer.Ordinal);
        if (changed.Length == 0)
        {
            return saved;
        }

        var saves = new List<ProfileSave>(changed.Length);
        foreach (var work in changed)
        {
            var current = stored.GetValueOrDefault(work.CustomerId) ?? ProfileUpdater.Empty(work.CustomerId);
            saves.Add(new ProfileSave(ProfileUpdater.Apply(current, work.Transactions, work.Statements) with { UpdatedAt = now }, current.Version));
        }

        var conflicts = await store.Profiles.TrySaveManyAsync(saves, ct).ConfigureAwait(false);
        for (var i = 0; i < changed.Length; i++)
        {
            var work = changed[i];
            if (conflicts.Contains(work.CustomerId))
            {
                logger.LogDebug("Profile of {CustomerId} changed underneath us; retrying alone", work.CustomerId);
                var latest = await store.Profiles.GetAsync(work.CustomerId, ct).ConfigureAwait(false);
                saved[work.CustomerId] = await SaveProfileAsync(work, latest, now, ct).ConfigureAwait(false);
            }
            else
            {
                saved[work.CustomerId] = saves[i].Profile with { Version = saves[i].ExpectedVersion + 1 };
            }
        }

        return saved;
    }

    private async Task<BehaviorProfile> SaveProfileAsync(CustomerWork work, BehaviorProfile? stored, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = stored ?? ProfileUpdater.Empty(work.CustomerId);
            var updated = ProfileUpdater.Apply(current, work.Transactions, work.Statements) with { UpdatedAt = now };
            if (await store.Profiles.TrySaveAsync(updated, current.Version, ct).ConfigureAwait(false))
            {
                return updated with { Version = current.Version + 1 };
            }

            // Another instance saved first: start again from its version.
            ThrowIfExhausted(work.CustomerId, attempt);
            logger.LogDebug("Profile of {CustomerId} changed underneath us (attempt {Attempt}); retrying", work.CustomerId, attempt);
            stored = await store.Profiles.GetAsync(work.CustomerId, ct).ConfigureAwait(false);
        }
    }

    private RiskAssessment Assess(
        BehaviorProfile profile,
        Customer? customer,
        CustomerRisk? prior,
        IRiskModel? model,
        RuleSettings settings,
        DateTimeOffset asOf,
        string trigger,
        DateTimeOffset now)
    {
        var features = FeatureEngine.Compute(profile, customer?.CreditLimit, asOf);
        var ruleResult = RuleReading.Confirmed(profile, customer?.CreditLimit, asOf, features, settings);
        var score = model?.Score(features);
        RiskBand? modelBand = score is null ? null : BandCutoffResolver.BandOf(score.Ensemble, banding.Value, model);
        var id = _ids.Next(now);
        var band = RiskCombination.Combine(modelBand, ruleResult.Signals, prior?.Band);
        return new RiskAssessment
        {
            Id = id,
            CustomerId = profile.CustomerId,
            AssessedAt = asOf,
            ComputedAt = now,
            Trigger = trigger,
            Features = FeatureEngine.ToFeatureValues(features),
            LogisticProbability = score?.Logistic,
            TreeProbability = score?.Tree,
            EnsembleProbability = score?.Ensemble,
            ModelBand = modelBand,
            RuleBand = ruleResult.Band,
            Band = band,
            PreviousBand = prior?.Band,
            EscalationBasis = EscalationKeys.NextBasis(id, band, prior),
            ProfileVersion = profile.Version,
            RuleHits = [.. ruleResult.Hits],
            Reasons = RiskReasons.Compose(ruleResult, score, modelBand),
            ModelVersion = score is null ? null : model!.Version,
        };
    }

    private async Task<string?> RaiseAlertAsync(RiskAssessment assessment, CustomerRisk? prior, DateTimeOffset now, CancellationToken ct)
    {
        var alert = new Alert
        {
            Id = _ids.Next(now),
            CustomerId = assessment.CustomerId,
            // The customer reads this (their dashboard, the message): their words, never thresholds or a model id.
            Reason = CustomerReasons.Of(assessment)[0],
            TemplateName = options.Value.AlertTemplateName,
            Status = AlertStatus.Pending,
            TriggeredBy = AlertActor,
            EscalationKey = EscalationKeys.For(assessment.CustomerId, EscalationKeys.BasisOf(prior), RiskBand.High),
            CreatedAt = now,
            UpdatedAt = now,
        };

        if (await store.Alerts.TryAddAsync(alert, ct).ConfigureAwait(false))
        {
            logger.LogInformation(
                "Customer {CustomerId} escalated to High ({Reason}); alert {AlertId} pending", assessment.CustomerId, alert.Reason, alert.Id);
            return alert.Id;
        }

        return null;
    }

    private async ValueTask<IRiskModel?> UsableModelAsync(CancellationToken ct)
    {
        var model = await models.GetChampionAsync(ct).ConfigureAwait(false);
        if (model is null || FeatureNames.AreLeadingOf(model.FeatureNames, FeatureNames.Ordered))
        {
            return model;
        }

        if (!string.Equals(Interlocked.Exchange(ref _rejectedModelVersion, model.Version), model.Version, StringComparison.Ordinal))
        {
            logger.LogError(
                "Champion model {Version} expects features [{Expected}] but the engine computes [{Actual}]; scoring with rules alone",
                model.Version, string.Join(", ", model.FeatureNames), string.Join(", ", FeatureNames.Ordered));
        }

        return null;
    }

    /// <summary>
    /// The latest moment the customer's data speaks for: its newest item, prior assessment or day held by the profile,
    /// never in the future.
    /// </summary>
    private static DateTimeOffset EventTime(CustomerWork work, CustomerRisk? prior, BehaviorProfile? profile, DateTimeOffset now)
    {
        var latest = prior?.AssessedAt ?? DateTimeOffset.MinValue;
        foreach (var transaction in work.Transactions)
        {
            if (transaction.Timestamp > latest)
            {
                latest = transaction.Timestamp;
            }
        }

        foreach (var statement in work.Statements)
        {
            var endOfDay = EndOfDay(statement.StatementDate);
            if (endOfDay > latest)
            {
                latest = endOfDay;
            }
        }

        // Another app instance may have applied a newer day's data after this run read the prior, and this run's profile
        // save then took it in (a version conflict re-reads the profile). Features are computed as of one day, so an
        // assessment as of an earlier day would leave that data out: with batches split between two instances, no
        // assessment might ever see the whole balance, and an escalation would never be raised.
        if (LatestDayHeld(profile) is { } held && held > DateOnly.FromDateTime(latest.UtcDateTime))
        {
            latest = EndOfDay(held);
        }

        return latest > now || latest == DateTimeOffset.MinValue ? now : Truncate(latest.ToUniversalTime());
    }

    private static DateOnly? LatestDayHeld(BehaviorProfile? profile)
    {
        var statement = profile is { Cycles.Count: > 0 } ? profile.Cycles[^1].StatementDate : (DateOnly?)null;
        return profile?.LastTransactionDay is { } day && (statement is null || day > statement) ? day : statement;
    }

    private static DateTimeOffset EndOfDay(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59, 59, 999)), TimeSpan.Zero);

    private void ThrowIfExhausted(string customerId, int attempt)
    {
        if (attempt >= options.Value.MaxSaveAttempts)
        {
            throw new InvalidOperationException(
                $"The profile of customer '{customerId}' kept changing underneath {attempt} save attempts; giving up.");
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

    /// <summary>The stores keep milliseconds; assessments must compare equal after a round trip.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private sealed class CustomerWork(string customerId)
    {
        public string CustomerId { get; } = customerId;

        public List<Transaction> Transactions { get; } = [];

        public List<Statement> Statements { get; } = [];

        /// <summary>Rebuild the profile from the stored history instead of applying items (crash recovery).</summary>
        public bool Rebuild { get; init; }

        public string? ExplicitTrigger { get; init; }

        public bool HasChanges => Transactions.Count > 0 || Statements.Count > 0;

        public string Trigger => ExplicitTrigger
            ?? (Rebuild ? RiskTriggers.Recovery
            : Transactions.Count > 0 ? RiskTriggers.Transaction
            : Statements.Count > 0 ? RiskTriggers.Statement
            : RiskTriggers.Rescore);
    }
}
