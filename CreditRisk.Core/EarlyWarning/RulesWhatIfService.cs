using System.Diagnostics;
using System.Globalization;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Training;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// Backtests a proposed change before it is saved: reads the stored recent history once
/// (<see cref="StoreReplayHistorySource"/>, sampled by <see cref="RulesWhatIfOptions"/>), replays it through the real
/// pipeline with the rule settings in force and then with the proposal (same customers, same model), and sets the
/// measures side by side.
/// </summary>
public sealed class RulesWhatIfService(
    StoreReplayHistorySource source, EarlyWarningService replay, RuleSettingsService rules, IOptions<RulesWhatIfOptions> options)
{
    /// <summary>Share of the progress spent reading the store; each replay takes half of the rest.</summary>
    private const double ReadShare = 0.1;

    /// <summary>Runs the backtest; <paramref name="progress"/> hears the share done (0–1). Cancelling removes the temporary stores.</summary>
    /// <exception cref="ArgumentException">The proposal is invalid (the message names the fields).</exception>
    /// <exception cref="TrainingDataException">No stored customer has anything to replay in the period.</exception>
    public async Task<RulesWhatIfResult> RunAsync(RiskProposal proposal, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (proposal.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(
                "The proposal is invalid: " + string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), nameof(proposal));
        }

        var watch = Stopwatch.StartNew();
        var o = options.Value;
        var current = await rules.GetAsync(ct).ConfigureAwait(false);
        var history = await source.LoadAsync(
            new StoreReplayScope(o.LookBackDays, o.MaxCustomers, o.PageSize), Scaled(progress, 0, ReadShare), ct).ConfigureAwait(false);
        var sample = history.Sample!;
        if (history.CustomerCount == 0)
        {
            throw new TrainingDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"No stored customer has transactions or statements from {sample.From:yyyy-MM-dd} to {sample.To:yyyy-MM-dd} to replay "
                + $"({sample.PortfolioCustomers:N0} customers in the store, {sample.AlreadyDelinquent:N0} of those sampled already 30+ days past due before then)."));
        }

        var request = new EarlyWarningRequest { StepDays = o.StepDays, Parallelism = o.Parallelism, WorkDirectory = o.WorkDirectory };
        var middle = ReadShare + ((1 - ReadShare) / 2);
        var now = await replay.RunAsync(
            history, request with { Proposal = new RiskProposal(current.Settings, null) }, Steps(progress, ReadShare, middle), ct).ConfigureAwait(false);
        var proposedRules = proposal.Rules ?? current.Settings;
        var proposed = await replay.RunAsync(
            history,
            request with { ModelVersion = now.ModelVersion, Proposal = new RiskProposal(proposedRules, proposal.Cutoffs) },
            Steps(progress, middle, 1),
            ct).ConfigureAwait(false);

        return new RulesWhatIfResult
        {
            Customers = now.Customers,
            DelinquentCustomers = now.DelinquentCustomers,
            NeverDelinquentCustomers = now.NeverDelinquentCustomers,
            Sample = sample,
            Period = now.Period,
            ModelVersion = now.ModelVersion,
            RulesVersion = current.Version,
            ProposedRules = proposedRules,
            Changes = proposal.Describe(current.Settings, now.Cutoffs),
            Now = WhatIfFigures.From(now),
            Proposed = WhatIfFigures.From(proposed),
            DurationSeconds = Math.Round(watch.Elapsed.TotalSeconds, 1),
        };
    }

    private static IProgress<double>? Scaled(IProgress<double>? progress, double from, double to) =>
        progress is null ? null : new Range(progress, from, to);

    private static IProgress<ReplayProgress>? Steps(IProgress<double>? progress, double from, double to) =>
        progress is null ? null : new StepRange(new Range(progress, from, to));

    /// <summary>A phase's share done (0–1) as the whole run's.</summary>
    private sealed class Range(IProgress<double> whole, double from, double to) : IProgress<double>
    {
        public void Report(double value) => whole.Report(from + ((to - from) * Math.Clamp(value, 0, 1)));
    }

    private sealed class StepRange(IProgress<double> phase) : IProgress<ReplayProgress>
    {
        public void Report(ReplayProgress value) => phase.Report(value.Fraction);
    }
}
