using CreditRisk.Core.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Simulation;

/// <summary>Builders shared by the simulation tests; fixed end date so nothing depends on today's date.</summary>
internal static class SimulationTestData
{
    public static readonly DateOnly EndDate = new(2026, 3, 1);

    public static SimulationOptions Options(int customers, int months = 12, int seed = 42, LabelPolicy policy = LabelPolicy.OnePerCustomer) => new()
    {
        Customers = customers,
        Months = months,
        Seed = seed,
        EndDate = EndDate,
        LabelPolicy = policy,
    };

    public static PortfolioSimulator Simulator() => new(new FakeTimeProvider(new DateTimeOffset(2026, 3, 17, 9, 0, 0, TimeSpan.Zero)));

    public static List<SimulatedCustomer> Generate(SimulationOptions options) => Simulator().Generate(options).ToList();
}

/// <summary>A small 12-month portfolio with the monthly label panel, generated once per test class.</summary>
public sealed class SmallPortfolioFixture
{
    public SmallPortfolioFixture()
    {
        Options = SimulationTestData.Options(400, policy: LabelPolicy.EveryStatement);
        Customers = SimulationTestData.Generate(Options);
    }

    public SimulationOptions Options { get; }

    public IReadOnlyList<SimulatedCustomer> Customers { get; }
}

/// <summary>2,000 customers × 12 months: big enough for rates and signal separation to be stable.</summary>
public sealed class CalibrationPortfolioFixture
{
    public CalibrationPortfolioFixture()
    {
        Options = SimulationTestData.Options(2_000, policy: LabelPolicy.EveryStatement);
        Customers = SimulationTestData.Generate(Options);
    }

    public SimulationOptions Options { get; }

    public IReadOnlyList<SimulatedCustomer> Customers { get; }
}

/// <summary>Temporary directory removed after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "creditrisk-sim-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp directory is not worth failing a test over
        }
    }
}
