using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Persistence.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Demo;

/// <summary>
/// On start-up, seeds the demo portfolio into an empty store (<see cref="DemoPortfolioSeeding"/>) in the background, so
/// the app serves requests (and /health) while it runs. On by default for the embedded LiteDB store; MongoDB is
/// seeded only when <see cref="DemoOptions.SeedOnFirstRun"/> is true. A failure is logged, never stops the host, and
/// the next start finishes the seed.
/// </summary>
public sealed partial class DemoPortfolioSeeder(
    DemoPortfolioSeeding seeding,
    ICreditRiskStore store,
    IOptions<DemoOptions> options,
    ILogger<DemoPortfolioSeeder> logger) : BackgroundService
{
    /// <summary>Whether this store is seeded: the explicit setting, else only the embedded store.</summary>
    public bool Enabled => options.Value.SeedOnFirstRun ?? store is LiteDbCreditRiskStore or SqliteCreditRiskStore;

    /// <summary>What the seed produced, once it has run; null when nothing was seeded.</summary>
    public DemoSeedResult? Result { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        // The embedded store completes synchronously: without this the whole seed would run inside the host's start.
        await Task.Yield();
        try
        {
            Result = await seeding.SeedIfEmptyAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogInterrupted();
        }
        catch (Exception ex)
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seeding interrupted by shutdown; the next start completes it")]
    private partial void LogInterrupted();

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo seeding failed; the next start tries again")]
    private partial void LogFailed(Exception ex);
}
