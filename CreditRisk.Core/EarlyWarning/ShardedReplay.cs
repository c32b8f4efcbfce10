using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// Runs a replay's steps on shards of the customers, in parallel, each shard with its own temporary store, and deletes
/// the stores afterwards whatever happened (finished, failed or cancelled).
/// </summary>
internal static class ShardedReplay
{
    /// <summary>Replays every step; returns the assessments stored and the alerts raised.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled; checked before every step.</exception>
    public static async Task<(long Assessments, long Alerts)> RunAsync(
        List<ReplayCustomer> customers,
        DateTimeOffset start,
        List<DateTimeOffset> stepEnds,
        ReplaySettings replaySettings,
        EarlyWarningRequest request,
        ILoggerFactory loggers,
        IProgress<ReplayProgress>? progress,
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
            var total = shardCount * stepEnds.Count;
            var done = 0;
            await Task.WhenAll(shards.Select((shard, s) => Task.Run(async () =>
            {
                for (var k = 0; k < stepEnds.Count; k++)
                {
                    ct.ThrowIfCancellationRequested();
                    await shard.StepAsync(stepEnds[k], ct).ConfigureAwait(false);
                    var message = s == 0 && (k + 1) % 10 == 0
                        ? $"Step {k + 1}/{stepEnds.Count} ({stepEnds[k]:yyyy-MM-dd}) after {watch.Elapsed.TotalSeconds:F0} s"
                        : null;
                    progress?.Report(new ReplayProgress(Interlocked.Increment(ref done), total, message));
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
}
