using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Web.Jobs;

/// <summary>Background jobs: Hangfire server, schedules and the MongoDB job store (section <c>Jobs</c>).</summary>
public sealed class JobsOptions : IValidatableObject
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// Run a Hangfire server (workers) in this process. Default true. Read once at start-up; a web-only instance
    /// sharing a MongoDB job store with worker instances sets it to false.
    /// </summary>
    public bool ServerEnabled { get; set; } = true;

    /// <summary>Concurrent job workers. Default 4.</summary>
    [Range(1, 100)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>
    /// Cron expression of <c>nightly-portfolio-rescore</c>, in <see cref="TimeZone"/>. Default <c>0 2 * * *</c> (02:00).
    /// Checked when the recurring jobs are registered at start-up: a bad expression stops the app.
    /// </summary>
    [Required]
    public string NightlyRescoreCron { get; set; } = "0 2 * * *";

    /// <summary>Cron expression of <c>alert-outbox-sweep</c>. Default every minute.</summary>
    [Required]
    public string OutboxSweepCron { get; set; } = "* * * * *";

    /// <summary>IANA (or Windows) time zone the recurring jobs' cron expressions are read in. Default <c>UTC</c>.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Path of the Hangfire dashboard (Admin role only). Default <c>/jobs</c>.</summary>
    [Required]
    [RegularExpression("^/[A-Za-z0-9/_-]*$")]
    public string DashboardPath { get; set; } = "/jobs";

    /// <summary>Prefix of Hangfire's collections in the MongoDB database (<c>Storage:MongoDatabase</c>). Default <c>hangfire</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_]+$")]
    public string MongoPrefix { get; set; } = "hangfire";

    /// <summary>
    /// MongoDB job store: minutes without a heartbeat after which a fetched job counts as abandoned (its worker died)
    /// and is handed to another worker. Running jobs keep renewing it, so long jobs are unaffected. Default 5.
    /// </summary>
    [Range(1, 1_440)]
    public int MongoInvisibilityTimeoutMinutes { get; set; } = 5;

    /// <summary>MongoDB job store: seconds between queue polls, the fallback behind the notification collection. Default 5.</summary>
    [Range(1, 300)]
    public int MongoQueuePollSeconds { get; set; } = 5;

    /// <summary>
    /// MongoDB job store: how workers learn of new jobs, <c>TailNotificationsCollection</c> (default: a capped,
    /// tailable collection; works on a standalone server and a single-node replica set) or <c>Poll</c> (for servers
    /// without capped collections). Change streams (<c>Watch</c>) are not offered: they need a multi-node-capable
    /// replica set deployment and fail on the single-node and test setups CreditRisk supports.
    /// </summary>
    [Required]
    [RegularExpression("^(TailNotificationsCollection|Poll)$", ErrorMessage = "Jobs:MongoQueueCheck is TailNotificationsCollection or Poll.")]
    public string MongoQueueCheck { get; set; } = "TailNotificationsCollection";

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? "", out _))
        {
            yield return new ValidationResult($"Jobs:TimeZone '{TimeZone}' is not a known time zone id (e.g. UTC, Asia/Kolkata).", [nameof(TimeZone)]);
        }
    }
}
