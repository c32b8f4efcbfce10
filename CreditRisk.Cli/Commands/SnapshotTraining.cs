using System.CommandLine;
using System.Text.Json;
using CreditRisk.Core.Snapshots;
using CreditRisk.Core.Training;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Cli.Commands;

/// <summary><c>creditrisk train --snapshot FILE</c>: the snapshot half of <see cref="TrainCommand"/>.</summary>
internal static class SnapshotTraining
{
    /// <summary>Trains and prints the report JSON; a bad file prints its problems (file:line: column: reason) and exits 1.</summary>
    public static async Task<int> RunAsync(
        IServiceProvider services, FileInfo file, int? labelFrom, TrainingRequest request, FileInfo? holdoutIds, InvocationConfiguration console, CancellationToken ct)
    {
        SnapshotTrainingResult result;
        try
        {
            result = await services.GetRequiredService<SnapshotTrainer>().TrainAsync(file.FullName, request, labelFrom, ct: ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"Cannot read the snapshot: {ex.Message}");
            return 2;
        }

        if (result.Report is null)
        {
            foreach (var problem in result.File.Problems)
            {
                await console.Error.WriteLineAsync(problem.Describe(file.FullName));
            }

            await console.Error.WriteLineAsync($"  {result.File.BadRows:N0} bad rows; nothing was trained.");
            return 1;
        }

        if (holdoutIds is not null)
        {
            var ids = SnapshotTrainer.HoldoutCustomers(result.File, result.LabelFromBucket, request.HoldoutShare, request.Seed);
            await File.WriteAllLinesAsync(holdoutIds.FullName, ["customer_id", .. ids], ct);
        }

        await console.Output.WriteLineAsync(JsonSerializer.Serialize(result.Report, CommandHost.Json));
        return 0;
    }
}
