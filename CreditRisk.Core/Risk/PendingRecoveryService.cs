using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Runs <see cref="PendingRecovery"/> (transactions and statements stored but not applied) once at start-up (for
/// what a previous process left behind) and then every <see cref="RiskPipelineOptions.RecoverySweepSeconds"/>. Runs in
/// the background: requests are served meanwhile, and the pipeline and recovery exclude each other per customer, so
/// either order is correct.
/// </summary>
public sealed class PendingRecoveryService(
    PendingRecovery recovery,
    IOptions<RiskPipelineOptions> options,
    TimeProvider time,
    ILogger<PendingRecoveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The embedded store completes synchronously; without this the start-up pass would hold up the host's start.
        await Task.Yield();
        var grace = TimeSpan.FromSeconds(options.Value.RecoveryGraceSeconds);
        await RunAsync(time.GetUtcNow() - grace, stoppingToken);

        var sweepSeconds = options.Value.RecoverySweepSeconds;
        if (sweepSeconds == 0)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(sweepSeconds);
        using var timer = new PeriodicTimer(interval, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            // Younger pending work is most likely still being applied by the request that stored it.
            await RunAsync(time.GetUtcNow() - interval - grace, stoppingToken);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RunAsync(DateTimeOffset receivedBefore, CancellationToken ct)
    {
        try
        {
            await recovery.RecoverAsync(receivedBefore, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A failing store must not stop the host; the next sweep tries again.
            logger.LogError(ex, "Recovery of pending transactions and statements failed");
        }
    }
}
