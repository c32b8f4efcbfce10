using CreditRisk.Core.Features;

namespace CreditRisk.Core.Risk;

/// <summary>The moment an assessment speaks for, and the millisecond precision the stores keep.</summary>
internal static class AssessmentTime
{
    /// <summary>
    /// The latest moment the customer's data speaks for: its newest item, prior assessment or day held by the profile,
    /// never in the future.
    /// </summary>
    public static DateTimeOffset Of(CustomerWork work, CustomerRisk? prior, BehaviorProfile? profile, DateTimeOffset now)
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

    /// <summary>
    /// The moment a re-score as of <paramref name="asOf"/> speaks for: that moment, or the later one the customer's data
    /// already speaks for. A nightly re-score fixes its moment when it starts; a customer it reaches after midnight UTC
    /// may since have been assessed on the new day's data, and an assessment as of the day before would drop that data,
    /// put the customer back a band, and make their next transaction a second escalation with a second alert.
    /// </summary>
    public static DateTimeOffset Of(CustomerWork work, CustomerRisk? prior, BehaviorProfile? profile, DateTimeOffset now, DateTimeOffset? asOf)
    {
        var held = Of(work, prior, profile, now);
        return asOf is { } given && given > held ? given : held;
    }

    /// <summary>
    /// The moment a snapshot's assessment speaks for: the end of its as-of day (never in the future), unless the prior
    /// assessment already speaks for a later one. A new month's snapshot is new data: dated at the prior assessment
    /// (the last import, weeks ago), its band change fell outside the dashboard's 30-day trend and migration.
    /// </summary>
    public static DateTimeOffset OfSnapshot(DateOnly snapshotAsOf, CustomerRisk? prior, DateTimeOffset now)
    {
        var endOfDay = EndOfDay(snapshotAsOf);
        var day = endOfDay < now ? Truncate(endOfDay) : now;
        return prior is not null && prior.AssessedAt > day ? prior.AssessedAt : day;
    }

    private static DateOnly? LatestDayHeld(BehaviorProfile? profile)
    {
        var statement = profile is { Cycles.Count: > 0 } ? profile.Cycles[^1].StatementDate : (DateOnly?)null;
        return profile?.LastTransactionDay is { } day && (statement is null || day > statement) ? day : statement;
    }

    private static DateTimeOffset EndOfDay(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59, 59, 999)), TimeSpan.Zero);

    /// <summary>The stores keep milliseconds; assessments must compare equal after a round trip.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
