using System.Diagnostics;
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
/// The early-warning back-test: replays a data directory in time order through <see cref="RiskPipeline"/> — the code
/// live ingestion runs — with the champion (or a named) model and the rule thresholds in force, in temporary LiteDB
/// stores so the configured store is only read, then measures how long before each delinquent customer's first 30+
/// DPD date they were flagged (<see cref="EarlyWarningMeasures"/>). Customers are independent, so they are split into
/// shards that replay in parallel, each with its own store and pipeline.
/// </summary>
public sealed class EarlyWarningService(
    IModelRegistry registry,
    ISettingsRepository settings,
    IOptions<RuleOptions> rules,
    IOptions<BandingOptions> banding,
    IOptions<RiskPipelineOptions> pipeline,
    ILoggerFactory loggers)
{
    /// <exception cref="KeyNotFoundException">A named model version is not in the registry.</exception>
    /// <exception cref="ModelIncompatibleException">The model does not fit the feature engine.</exception>
    /// <exception cref="TrainingDataException">The data directory is incomplete or malformed.</exception>
    public async Task<EarlyWarningReport> RunAsync(EarlyWarningRequest request, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.StepDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.StepDays, 31);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.LeadDays, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Parallelism, 1);
        var watch = Stopwatch.StartNew();

        var model = await LoadModelAsync(request.ModelVersion, ct).ConfigureAwait(false);
        var storedRules = await settings.GetAsync(RuleSettingsService.SettingsKey, ct).ConfigureAwait(false);
        var replaySettings = new ReplaySettings(model, storedRules?.Json, rules.Value, banding.Value, pipeline.Value);

        var history = TrainingDataReader.Read(request.DataDirectory, withLabels: false);
        var delinquency = TrainingDataReader.ReadDelinquencyEvents(request.DataDirectory, history);
        var customers = history.Customers.Values.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => new ReplayCustomer(c)).ToList();
        var firstDay = customers.Select(c => c.FirstDay).Min()
            ?? throw new TrainingDataException($"'{request.DataDirectory}' has no transactions or statements to replay.");
        var lastDay = customers.Select(c => c.LastDay).Max()!.Value;
        var start = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var stepEnds = StepEnds(start, end, request.StepDays);
        progress?.Report($"Replaying {customers.Count} customers, {firstDay:yyyy-MM-dd} to {lastDay:yyyy-MM-dd}, in {stepEnds.Count} steps of {request.StepDays} days"
            + $" on {Math.Min(request.Parallelism, customers.Count)} shards with model {model?.Version ?? "none (rules alone)"}");

        var (assessments, alerts) = await ReplayAsync(customers, start, stepEnds, replaySettings, request, progress, ct).ConfigureAwait(false);

        var timelines = customers.ToDictionary(c => c.Id, c => (IReadOnlyList<RiskPoint>)c.Timeline, StringComparer.Ordinal);
        BandingOutcome Outcome(Func<RiskPoint, RiskBand> bandOf) =>
            BandingOutcome.From(EarlyWarningMeasures.Compute(timelines, delinquency, bandOf, start, end, request.LeadDays));
        var figures = EarlyWarningMeasures.Compute(timelines, delinquency, EarlyWarningMeasures.PipelineBand, start, end, request.LeadDays);
        var inForce = BandCutoffResolver.Resolve(banding.Value, model);
        var cutoffs = inForce.Cutoffs;
        var sources = new BandSources(Outcome(EarlyWarningMeasures.RulesAlone), Outcome(EarlyWarningMeasures.ModelAlone(cutoffs)));
        var ruleOutcomes = RuleBits.Ids
            .Select((id, i) => (id, RuleOutcome.From(EarlyWarningMeasures.Compute(
                timelines, delinquency, EarlyWarningMeasures.RuleFiring(i), start, end, request.LeadDays))))
            .ToDictionary(x => x.id, x => x.Item2, StringComparer.Ordinal);
        var whatIf = request.WhatIf
            .Select(c => new CutoffTradeOff(c, Outcome(EarlyWarningMeasures.WithCutoffs(c)), Outcome(EarlyWarningMeasures.ModelAlone(c))))
            .ToList();

        return new EarlyWarningReport
        {
            Customers = figures.Customers,
            DelinquentCustomers = figures.DelinquentCustomers,
            NeverDelinquentCustomers = figures.NeverDelinquentCustomers,
            ModelVersion = model?.Version,
            Cutoffs = cutoffs,
            CutoffsOrigin = inForce.Origin,
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

    /// <summary>
    /// A memory-backed directory (<c>/dev/shm</c>) when there is one with room for the stores, else the temporary
    /// directory. The stores are thrown away afterwards, and LiteDB flushes every commit to disk: on a disk the
    /// replay waits on those flushes (measured: a third of the time, and shards in parallel barely helped).
    /// </summary>
    /// <param name="assessments">Assessments the replay will store; about 3.3 KB each with profiles and indexes (measured).</param>
    internal static string DefaultWorkDirectory(long assessments)
    {
        const string memory = "/dev/shm";
        const long bytesPerAssessment = 4_096;
        try
        {
            if (Directory.Exists(memory) && new DriveInfo(memory).AvailableFreeSpace > 2 * assessments * bytesPerAssessment)
            {
                return memory;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // No usable memory-backed directory: the temporary directory will do.
        }

        return Path.GetTempPath();
    }

    private async Task<IRiskModel?> LoadModelAsync(string? versionId, CancellationToken ct)
    {
        var version = versionId is null
            ? await registry.GetChampionAsync(ct).ConfigureAwait(false)
            : await registry.GetAsync(versionId, ct).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"Model version '{versionId}' is not in the registry.");
        return version is null ? null : ModelPackage.Load(version);
    }

    private async Task<(long Assessments, long Alerts)> ReplayAsync(
        List<ReplayCustomer> customers,
        DateTimeOffset start,
        List<DateTimeOffset> stepEnds,
        ReplaySettings replaySettings,
        EarlyWarningRequest request,
        IProgress<string>? progress,
        CancellationToken ct)
    {
        var shardCount = Math.Max(1, Math.Min(request.Parallelism, customers.Count));
        var directory = Path.Combine(
            request.WorkDirectory ?? DefaultWorkDirectory((long)customers.Count * stepEnds.Count), $"creditrisk-early-warning-{Guid.NewGuid():N}");
        var shards = new List<ReplayShard>(shardCount);
        using var quiet = new QuietLoggerFactory(loggers);
        try
        {
            for (var s = 0; s < shardCount; s++)
            {
                var share = customers.Where((_, i) => i % shardCount == s).ToList();
                shards.Add(await ReplayShard.CreateAsync(
                    Path.Combine(directory, $"shard-{s}.db"), start, replaySettings, share, quiet, ct).ConfigureAwait(false));
            }

            var watch = Stopwatch.StartNew();
            await Task.WhenAll(shards.Select((shard, s) => Task.Run(async () =>
            {
                for (var k = 0; k < stepEnds.Count; k++)
                {
                    await shard.StepAsync(stepEnds[k], ct).ConfigureAwait(false);
                    if (s == 0 && (k + 1) % 10 == 0)
                    {
                        progress?.Report($"Step {k + 1}/{stepEnds.Count} ({stepEnds[k]:yyyy-MM-dd}) after {watch.Elapsed.TotalSeconds:F0} s");
                    }
                }
            }, ct))).ConfigureAwait(false);

            long alerts = 0;
            foreach (var shard in shards)
            {
                alerts += await shard.CountAlertsAsync(ct).ConfigureAwait(false);
            }

            return (shards.Sum(s => (long)s.Assessments), alerts);
        }
        finally
        {
            foreach (var shard in shards)
            {
                await shard.DisposeAsync().ConfigureAwait(false);
            }

            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
