using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Risk;

/// <summary>
/// The pipeline's profile writes: items applied to the stored profiles in one grouped save, or a profile rebuilt from
/// the whole stored history, always with the store's optimistic version check — a profile another instance changed
/// underneath is re-read and redone, up to <see cref="RiskPipelineOptions.MaxSaveAttempts"/> times.
/// </summary>
internal sealed class ProfileSaves(
    IBehaviorProfileRepository profiles,
    ITransactionRepository transactions,
    IStatementRepository statements,
    IOptions<RiskPipelineOptions> options,
    ILogger logger)
{
    private static readonly DateTimeOffset HistoryStart = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset HistoryEnd = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Builds the profile from the customer's whole stored history and saves it over <paramref name="stored"/>
    /// (re-reading on a version conflict). Returns the saved profile, every transaction it was built from and the
    /// statements that were pending before it read them (listed first, so each is in what it read, or older).
    /// </summary>
    public async Task<(BehaviorProfile Profile, IReadOnlyList<Transaction> Absorbed, IReadOnlyList<PendingStatement> AbsorbedStatements)> RebuildAsync(
        string customerId, BehaviorProfile? stored, DateTimeOffset now, CancellationToken ct)
    {
        var pendingStatements = await statements.ListPendingAsync([customerId], ct).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var history = await transactions.ListForCustomerAsync(customerId, HistoryStart, HistoryEnd, ct).ConfigureAwait(false);
            var cycles = await statements.ListForCustomerAsync(customerId, ProfileWindow.Cycles, ct).ConfigureAwait(false);
            var rebuilt = ProfileBuilder.Build(customerId, history, cycles) with { UpdatedAt = now };
            var expected = stored?.Version ?? 0;
            if (await profiles.TrySaveAsync(rebuilt, expected, ct).ConfigureAwait(false))
            {
                return (rebuilt with { Version = expected + 1 }, history, pendingStatements);
            }

            ThrowIfExhausted(customerId, attempt);
            stored = await profiles.GetAsync(customerId, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Applies each customer's items to their profile and saves them all in one grouped write; a customer whose stored
    /// profile changed underneath (another instance) is redone alone from the stored version. Returns the saved profiles.
    /// </summary>
    public async Task<Dictionary<string, BehaviorProfile>> SaveProfilesAsync(
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

        var conflicts = await profiles.TrySaveManyAsync(saves, ct).ConfigureAwait(false);
        for (var i = 0; i < changed.Length; i++)
        {
            var work = changed[i];
            if (conflicts.Contains(work.CustomerId))
            {
                logger.LogDebug("Profile of {CustomerId} changed underneath us; retrying alone", work.CustomerId);
                var latest = await profiles.GetAsync(work.CustomerId, ct).ConfigureAwait(false);
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
            if (await profiles.TrySaveAsync(updated, current.Version, ct).ConfigureAwait(false))
            {
                return updated with { Version = current.Version + 1 };
            }

            // Another instance saved first: start again from its version.
            ThrowIfExhausted(work.CustomerId, attempt);
            logger.LogDebug("Profile of {CustomerId} changed underneath us (attempt {Attempt}); retrying", work.CustomerId, attempt);
            stored = await profiles.GetAsync(work.CustomerId, ct).ConfigureAwait(false);
        }
    }

    private void ThrowIfExhausted(string customerId, int attempt)
    {
        if (attempt >= options.Value.MaxSaveAttempts)
        {
            throw new InvalidOperationException(
                $"The profile of customer '{customerId}' kept changing underneath {attempt} save attempts; giving up.");
        }
    }
}
