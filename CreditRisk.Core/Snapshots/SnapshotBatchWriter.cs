using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// Stores one batch of a snapshot import and assesses its customers, in bulk: the import's hot path. A customer with
/// no statement is scored straight from the row being imported — exactly what <see cref="RiskPipeline.ReassessAsync"/>
/// does for them (<see cref="SnapshotRiskSource.Assess"/>, the same id, time, trigger, prior, alert and event), without
/// reading back the records and snapshots this batch writes — and the records, snapshots, alerts and assessments of
/// the batch go to the store in one write (<see cref="ICustomerSnapshotRepository.WriteImportBatchAsync"/>). A customer
/// whose behavioural profile has taken over is re-assessed by the pipeline after the write, as before.
/// </summary>
/// <remarks>
/// The batch's customers stay locked (<see cref="CustomerLockTable"/>, the pipeline's locks) from the reads of their
/// profiles and current risk to the write, so a transaction ingested meanwhile waits and is applied on top.
/// </remarks>
public sealed class SnapshotBatchWriter(
    ICustomerRepository customers,
    IBehaviorProfileRepository profiles,
    IRiskAssessmentRepository assessments,
    ICustomerSnapshotRepository snapshots,
    SnapshotRiskSource source,
    RuleSettingsService rules,
    CustomerLockTable locks,
    IRiskEventPublisher events,
    RiskPipeline pipeline,
    IOptions<RiskPipelineOptions> pipelineOptions,
    TimeProvider time,
    ILogger<SnapshotBatchWriter> logger)
{
    private readonly SequentialIds _alertIds = new();

    /// <summary>
    /// Writes <paramref name="batch"/> (one row per customer) as of <paramref name="importedAt"/> and assesses its
    /// customers; returns how many customers it created.
    /// </summary>
    public async Task<int> WriteAsync(IReadOnlyList<CustomerSnapshot> batch, DateTimeOffset importedAt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var ids = batch.Select(s => s.CustomerId).ToArray();
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Length)
        {
            throw new ArgumentException("A batch holds one row per customer.", nameof(batch));
        }

        Written written;
        using (await locks.AcquireAsync(ids, ct).ConfigureAwait(false))
        {
            written = await WriteLockedAsync(batch, ids, importedAt, ct).ConfigureAwait(false);
        }

        // After the locks are released, as the pipeline does: subscribers never hold up the next batch.
        foreach (var riskAssessed in written.Published)
        {
            events.Publish(riskAssessed);
        }

        if (written.Behavioural.Count > 0)
        {
            await pipeline.ReassessAsync(written.Behavioural, RiskTriggers.Snapshot, ct).ConfigureAwait(false);
        }

        return written.Created;
    }

    private async Task<Written> WriteLockedAsync(IReadOnlyList<CustomerSnapshot> batch, string[] ids, DateTimeOffset importedAt, CancellationToken ct)
    {
        var known = await customers.GetManyAsync(ids, ct).ConfigureAwait(false);
        var profileRows = await profiles.GetManyAsync(ids, ct).ConfigureAwait(false);
        var priors = await assessments.GetCurrentManyAsync(ids, ct).ConfigureAwait(false);
        var fromSnapshot = batch.Where(s => RiskSources.Of(profileRows.GetValueOrDefault(s.CustomerId), s) == RiskSource.Snapshot).ToList();
        var model = fromSnapshot.Count > 0 ? await source.ModelAsync(ct).ConfigureAwait(false) : null;
        var settings = await rules.GetCurrentAsync(ct).ConfigureAwait(false);
        var now = AssessmentTime.Truncate(time.GetUtcNow());

        var assessed = new List<RiskAssessment>(fromSnapshot.Count);
        var alerts = new List<Alert>();
        foreach (var snapshot in fromSnapshot)
        {
            var id = snapshot.CustomerId;
            var prior = priors.GetValueOrDefault(id);
            var profile = profileRows.GetValueOrDefault(id);
            var assessment = source.Assess(
                pipeline.NextAssessmentId(now), snapshot, prior, model, settings, AssessmentTime.OfSnapshot(snapshot.AsOf, prior, now), RiskTriggers.Snapshot, now)
                with { ProfileVersion = profile?.Version ?? 0 };
            assessed.Add(assessment);
            if (EscalationAlerts.IsEscalation(assessment))
            {
                alerts.Add(EscalationAlerts.Build(_alertIds.Next(now), assessment, prior, pipelineOptions.Value.AlertTemplateName, now));
            }
        }

        var added = await snapshots.WriteImportBatchAsync(
            new SnapshotImportBatch(Records(batch, known, importedAt), batch, alerts, assessed), ct).ConfigureAwait(false);

        var alertOf = alerts.Where(a => added.Contains(a.Id)).ToDictionary(a => a.CustomerId, a => a.Id, StringComparer.Ordinal);
        foreach (var (customerId, alertId) in alertOf)
        {
            logger.LogInformation("Customer {CustomerId} escalated to High ({Reason}); alert {AlertId} pending",
                customerId, alerts.First(a => a.Id == alertId).Reason, alertId);
        }

        var published = assessed
            .Select(a => new RiskAssessed(a, EscalationAlerts.IsEscalation(a), alertOf.GetValueOrDefault(a.CustomerId)))
            .ToList();
        var behavioural = ids.Except(fromSnapshot.Select(s => s.CustomerId), StringComparer.Ordinal).ToList();
        return new Written(ids.Length - known.Count, published, behavioural);
    }

    /// <summary>
    /// New customers named by their id (no phone, no WhatsApp opt-in, opened on the as-of day); known ones whose credit
    /// limit the snapshot changes. The others are left as they are.
    /// </summary>
    private static List<Customer> Records(IReadOnlyList<CustomerSnapshot> batch, IReadOnlyDictionary<string, Customer> known, DateTimeOffset now)
    {
        var changed = new List<Customer>(batch.Count);
        foreach (var snapshot in batch)
        {
            if (known.GetValueOrDefault(snapshot.CustomerId) is not { } customer)
            {
                changed.Add(new Customer
                {
                    Id = snapshot.CustomerId,
                    FullName = snapshot.CustomerId,
                    Phone = "",
                    CreditLimit = snapshot.CreditLimit,
                    OpenedOn = snapshot.AsOf,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
            else if (customer.CreditLimit != snapshot.CreditLimit)
            {
                changed.Add(customer with { CreditLimit = snapshot.CreditLimit, UpdatedAt = now });
            }
        }

        return changed;
    }

    private sealed record Written(int Created, List<RiskAssessed> Published, List<string> Behavioural);
}
