using CreditRisk.Core.Simulation;
using CreditRisk.Tests.Simulation;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Cli;

/// <summary>
/// A simulated portfolio long enough for early-warning labels (400 customers × 12 months, one <c>labels.csv</c> row per
/// customer) and a store whose champion <c>train --data --promote</c> fitted on it with the default <c>--labels auto</c>,
/// so on early-warning labels, not on <c>labels.csv</c>. Trained once per test class: evaluating leaves the store as it was.
/// </summary>
public sealed class EarlyWarningChampionFixture : IAsyncLifetime
{
    private readonly string _root = TestDirectories.New();

    public string DataDirectory => Path.Combine(_root, "portfolio");

    /// <summary>What <c>train</c> printed.</summary>
    public string TrainOutput { get; private set; } = "";

    internal TrainEvaluateCli Cli => new(_root);

    public async Task InitializeAsync()
    {
        SimulationCsvWriter.WriteAll(SimulationTestData.Generate(SimulationTestData.Options(400)), DataDirectory);
        var (code, stdout, stderr) = await Cli.RunAsync("train", "--data", DataDirectory, "--promote");
        if (code != 0)
        {
            throw new InvalidOperationException($"train failed ({code}): {stderr}");
        }

        TrainOutput = stdout;
    }

    public Task DisposeAsync()
    {
        TestDirectories.Delete(_root);
        return Task.CompletedTask;
    }
}
