using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// A share of the replayed customers with its own temporary LiteDB store and its own <see cref="RiskPipeline"/> (the
/// class live ingestion uses, with the same collaborators). Customers are independent, so shards run in parallel
/// without sharing a database writer.
/// </summary>
internal sealed class ReplayShard : IAsyncDisposable
{
    private readonly LiteDbCreditRiskStore _store;
    private readonly InMemoryRiskEventBus _events;
    private readonly ReplayClock _clock;
    private readonly RiskPipeline _pipeline;
    private readonly List<ReplayCustomer> _customers;

    private ReplayShard(LiteDbCreditRiskStore store, ReplayClock clock, ReplaySettings settings, List<ReplayCustomer> customers, ILoggerFactory loggers)
    {
        _store = store;
        _clock = clock;
        _customers = customers;
        _events = new InMemoryRiskEventBus(loggers.CreateLogger<InMemoryRiskEventBus>());
        var rules = new RuleSettingsService(
            store.Settings, store.Audit, Options.Create(settings.Rules), clock, loggers.CreateLogger<RuleSettingsService>());
        _pipeline = new RiskPipeline(
            store,
            new FixedModelProvider(settings.Model),
            rules,
            _events,
            new CustomerLockTable(),
            Options.Create(settings.Banding),
            Options.Create(settings.Pipeline),
            clock,
            loggers.CreateLogger<RiskPipeline>());
    }

    public int Assessments { get; private set; }

    /// <summary>Opens a fresh store at <paramref name="path"/> holding the customers and the thresholds in force.</summary>
    public static async Task<ReplayShard> CreateAsync(
        string path, DateTimeOffset start, ReplaySettings settings, List<ReplayCustomer> customers, ILoggerFactory loggers, CancellationToken ct)
    {
        var store = new LiteDbCreditRiskStore(path);
        try
        {
            await store.InitializeAsync(ct).ConfigureAwait(false);
            if (settings.StoredRulesJson is { } json)
            {
                await store.Settings.TrySaveAsync(RuleSettingsService.SettingsKey, json, 0, start, ct).ConfigureAwait(false);
            }

            var opened = DateOnly.FromDateTime(start.UtcDateTime);
            await store.Customers.UpsertManyAsync(customers.ConvertAll(c => new Customer
            {
                Id = c.Id,
                FullName = c.Id,
                Phone = "+15555550100", // never used: nothing is sent from a replay
                CreditLimit = c.CreditLimit,
                OpenedOn = opened,
                CreatedAt = start,
                UpdatedAt = start,
            }), ct).ConfigureAwait(false);
            return new ReplayShard(store, new ReplayClock(start), settings, customers, loggers);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// One step up to <paramref name="stepEnd"/> (exclusive, a UTC midnight): every customer with new items gets them
    /// through <see cref="RiskPipeline.ProcessAsync"/> in one batch (assessed as of their newest item); every other
    /// customer is re-scored as of the step's last millisecond, as the nightly job would, so windows move on for
    /// customers who have stopped transacting. A customer whose data has not begun yet is left alone: the bank would
    /// not have known them, and their assessments inflated the share of Low ones.
    /// </summary>
    public async Task StepAsync(DateTimeOffset stepEnd, CancellationToken ct)
    {
        var lastMoment = stepEnd.AddMilliseconds(-1);
        _clock.Now = lastMoment;
        var transactions = new List<Transaction>();
        var statements = new List<Statement>();
        var idle = new List<string>();
        var today = DateOnly.FromDateTime(stepEnd.UtcDateTime);
        foreach (var customer in _customers)
        {
            // Data on a day before the step's end has reached the pipeline by now (in this step or an earlier one).
            if (!customer.TakeUntil(stepEnd, transactions, statements) && customer.FirstDay < today)
            {
                idle.Add(customer.Id);
            }
        }

        if (transactions.Count + statements.Count > 0)
        {
            Record(await _pipeline.ProcessAsync(transactions, statements, ct).ConfigureAwait(false));
        }

        if (idle.Count > 0)
        {
            Record(await _pipeline.RescoreManyAsync(idle, lastMoment, ct).ConfigureAwait(false));
        }
    }

    /// <summary>Alerts the pipeline raised in this shard.</summary>
    public async Task<long> CountAlertsAsync(CancellationToken ct) =>
        (await _store.Alerts.CountByStatusAsync(ct).ConfigureAwait(false)).Values.Sum();

    public async ValueTask DisposeAsync()
    {
        _events.Dispose();
        await _store.DisposeAsync().ConfigureAwait(false);
    }

    private void Record(IReadOnlyList<RiskAssessment> assessments)
    {
        // Assessments come back in the order the customers were first seen, one per customer.
        var byId = new Dictionary<string, RiskAssessment>(assessments.Count, StringComparer.Ordinal);
        foreach (var assessment in assessments)
        {
            byId[assessment.CustomerId] = assessment;
        }

        foreach (var customer in _customers)
        {
            if (byId.TryGetValue(customer.Id, out var assessment))
            {
                customer.Timeline.Add(RiskPoint.From(assessment));
            }
        }

        Assessments += assessments.Count;
    }
}

/// <summary>What every shard's pipeline is configured with.</summary>
internal sealed record ReplaySettings(
    IRiskModel? Model, string? StoredRulesJson, RuleOptions Rules, BandingOptions Banding, RiskPipelineOptions Pipeline);

