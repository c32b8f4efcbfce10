using System.Diagnostics;
using System.Text.Json;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// The early-warning back-test: replays a history — a data directory, or the store's recent history
/// (<see cref="StoreReplayHistorySource"/>) — in time order through <see cref="RiskPipeline"/> — the code
/// live ingestion runs — with the champion (or a named) model and the rule thresholds in force, in temporary LiteDB
/// stores so the configured store is only read, then measures how long before each delinquent customer's first 30+
/// DPD date they were flagged (<see cref="EarlyWarningMeasures"/>). Customers are independent, so they are split into
/// shards that replay in parallel, each with its own store and pipeline (<see cref="ShardedReplay"/>). A
/// <see cref="RiskProposal"/> replays proposed rule settings and cut-offs instead of those in force.
/// </summary>
public sealed class EarlyWarningService(
    IModelRegistry registry,
    ISettingsRepository settings,
    IOptions<RuleOptions> rules,
    IOptions<BandingOptions> banding,
    IOptions<RiskPipelineOptions> pipeline,
    ILoggerFactory loggers,
    TimeProvider time)
{
    /// <summary>Replays <see cref="EarlyWarningRequest.DataDirectory"/>; progress lines for a person to read.</summary>
    /// <exception cref="KeyNotFoundException">A named model version is not in the registry.</exception>
    /// <exception cref="ModelIncompatibleException">The model does not fit the feature engine.</exception>
    /// <exception cref="TrainingDataException">The data directory is incomplete or malformed, or has data dated after today.</exception>
    public Task<EarlyWarningReport> RunAsync(EarlyWarningRequest request, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.DataDirectory))
        {
            throw new ArgumentException("The request names no data directory to replay.", nameof(request));
        }

        var history = ReplayHistory.FromDirectory(request.DataDirectory, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return RunAsync(history, request, progress is null ? null : new MessagesOnly(progress), ct);
    }

    /// <summary>
    /// Replays <paramref name="history"/> (already read, e.g. from the store) with the settings in force or the request's
    /// proposal; <paramref name="progress"/> hears of every shard step. Cancelling stops between steps and removes the
    /// temporary stores.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A named model version is not in the registry.</exception>
    /// <exception cref="ModelIncompatibleException">The model does not fit the feature engine.</exception>
    /// <exception cref="TrainingDataException">The history holds no transactions or statements.</exception>
    /// <exception cref="ArgumentException">The proposal is invalid (the message names the fields).</exception>
    public async Task<EarlyWarningReport> RunAsync(
        ReplayHistory history, EarlyWarningRequest request, IProgress<ReplayProgress>? progress, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.StepDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.StepDays, 31);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.LeadDays, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Parallelism, 1);
        if (request.Proposal?.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(
                "The proposal is invalid: " + string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), nameof(request));
        }

        var watch = Stopwatch.StartNew();
        var model = await LoadModelAsync(request.ModelVersion, ct).ConfigureAwait(false);
        var replaySettings = await SettingsAsync(model, request.Proposal, ct).ConfigureAwait(false);

        var customers = history.Customers.Select(c => new ReplayCustomer(c)).ToList();
        var firstDay = customers.Select(c => c.FirstDay).Min()
            ?? throw new TrainingDataException($"{history.Source} has no transactions or statements to replay.");
        var lastDay = customers.Select(c => c.LastDay).Max()!.Value;
        var start = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var stepEnds = StepEnds(start, end, request.StepDays);
        progress?.Report(new ReplayProgress(0, stepEnds.Count, $"Replaying {customers.Count} customers, {firstDay:yyyy-MM-dd} to {lastDay:yyyy-MM-dd}, in {stepEnds.Count} steps of {request.StepDays} days"
            + $" on {Math.Min(request.Parallelism, customers.Count)} shards with model {model?.Version ?? "none (rules alone)"}"
            + (request.Proposal is null ? string.Empty : " and the proposed settings")
            + (history.AlreadyDelinquent == 0 ? string.Empty : $"; {history.AlreadyDelinquent} customers already 30+ days past due left out")));

        var (assessments, alerts) = await ShardedReplay.RunAsync(
            customers, start, stepEnds, replaySettings, request, loggers, progress, ct).ConfigureAwait(false);

        var delinquency = history.Delinquency;
        var timelines = customers.ToDictionary(c => c.Id, c => (IReadOnlyList<RiskPoint>)c.Timeline, StringComparer.Ordinal);
        var firstDataDays = customers.Where(c => c.FirstDay is not null).ToDictionary(c => c.Id, c => c.FirstDay!.Value, StringComparer.Ordinal);
        BandingOutcome Outcome(EarlyWarningMeasures.BandOf bandOf) =>
            BandingOutcome.From(EarlyWarningMeasures.Compute(timelines, delinquency, firstDataDays, bandOf, start, end, request.LeadDays));
        var figures = EarlyWarningMeasures.Compute(timelines, delinquency, firstDataDays, EarlyWarningMeasures.PipelineBand, start, end, request.LeadDays);
        // The replay's own banding: a proposal's cut-offs pin it, else the cut-offs in force (pinned, the model's, legacy).
        var inForce = BandCutoffResolver.Resolve(replaySettings.Banding, model);
        var cutoffs = inForce.Cutoffs;
        var sources = new BandSources(Outcome(EarlyWarningMeasures.RulesAlone), Outcome(EarlyWarningMeasures.ModelAlone(cutoffs)));
        var ruleOutcomes = RuleBits.Ids
            .Select((id, i) => (id, RuleOutcome.From(EarlyWarningMeasures.Compute(
                timelines, delinquency, firstDataDays, EarlyWarningMeasures.RuleFiring(i), start, end, request.LeadDays))))
            .ToDictionary(x => x.id, x => x.Item2, StringComparer.Ordinal);
        var whatIf = request.WhatIf
            .Select(c => new CutoffTradeOff(c, Outcome(EarlyWarningMeasures.WithCutoffs(c)), Outcome(EarlyWarningMeasures.ModelAlone(c))))
            .ToList();

        return new EarlyWarningReport
        {
            Customers = figures.Customers,
            DelinquentCustomers = figures.DelinquentCustomers,
            AlreadyDelinquentCustomers = history.AlreadyDelinquent,
            NeverDelinquentCustomers = figures.NeverDelinquentCustomers,
            ModelVersion = model?.Version,
            Cutoffs = cutoffs,
            CutoffsOrigin = inForce.Origin,
            Proposal = request.Proposal,
            Period = new ReplayPeriod(firstDay, lastDay, Math.Round((end - start).TotalDays / EarlyWarningMeasures.DaysPerMonth, 2), request.StepDays, stepEnds.Count),
            LeadDays = request.LeadDays,
            FlaggedAhead = figures.FlaggedAhead,
            MedianLeadDays = figures.MedianLeadDays,
            FalseAlarmRate = figures.FalseAlarmRate,
            Alerts = alerts,
            AlertsPer1000CustomersPerMonth = figures.AlertsPer1000CustomersPerMonth,
            FlaggedBeforeDelinquency = figures.FlaggedBefore,
            FlaggedAtLeadDay = figures.FlaggedAtLeadDay,
            AssessmentShare = figures.AssessmentShare,
            FlaggedAtEnd = EndOfPeriod.Flagged(timelines.Values),
            WithHistory = figures.WithHistory,
            Sources = sources,
            Rules = ruleOutcomes,
            Assessments = assessments,
            DurationSeconds = Math.Round(watch.Elapsed.TotalSeconds, 1),
            WhatIf = whatIf,
            BudgetCurve = BudgetSweep.Compute(timelines, delinquency, cutoffs, start, end, request.LeadDays),
        };
    }

    /// <summary>Step boundaries (exclusive UTC midnights) every <paramref name="stepDays"/> from the start; the last one is the end.</summary>
    internal static List<DateTimeOffset> StepEnds(DateTimeOffset start, DateTimeOffset end, int stepDays)
    {
        var ends = new List<DateTimeOffset>();
        for (var at = start.AddDays(stepDays); ; at = at.AddDays(stepDays))
        {
            // Never past the data: a step beyond it would re-score everyone over days with no transactions.
            ends.Add(at < end ? at : end);
            if (at >= end)
            {
                return ends;
            }
        }
    }

    private async Task<IRiskModel?> LoadModelAsync(string? versionId, CancellationToken ct)
    {
        var version = versionId is null
            ? await registry.GetChampionAsync(ct).ConfigureAwait(false)
            : await registry.GetAsync(versionId, ct).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"Model version '{versionId}' is not in the registry.");
        if (version is null)
        {
            return null;
        }

        ModelIncompatibleException.ThrowUnlessBehavioural(version);
        return ModelPackage.Load(version);
    }

    /// <summary>
    /// What every shard's pipeline runs with: the proposal's rules in place of the stored ones (stored in the shard as an
    /// admin's save would be, so the pipeline reads them the usual way) and its cut-offs in place of the configured ones.
    /// </summary>
    private async Task<ReplaySettings> SettingsAsync(IRiskModel? model, RiskProposal? proposal, CancellationToken ct)
    {
        var rulesJson = proposal?.Rules is { } proposed
            ? JsonSerializer.Serialize(proposed, RiskProposal.Json)
            : (await settings.GetAsync(RuleSettingsService.SettingsKey, ct).ConfigureAwait(false))?.Json;
        var bands = proposal?.Cutoffs is { } c ? new BandingOptions { MediumFrom = c.MediumFrom, HighFrom = c.HighFrom } : banding.Value;
        return new ReplaySettings(model, rulesJson, rules.Value, bands, pipeline.Value);
    }

    /// <summary>Passes on the progress lines, for a person reading them, and drops the step counts.</summary>
    private sealed class MessagesOnly(IProgress<string> lines) : IProgress<ReplayProgress>
    {
        public void Report(ReplayProgress value)
        {
            if (value.Message is { } message)
            {
                lines.Report(message);
            }
        }
    }
}
