using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Training;

/// <summary>One synthetic portfolio on disk, shared by the training and CLI tests.</summary>
public sealed class PortfolioFixture : IDisposable
{
    public PortfolioFixture()
    {
        Directory = Path.Combine(TestDirectories.New(), "portfolio");
        SyntheticPortfolio.Write(Directory, customers: 800, seed: 11);
    }

    public string Directory { get; }

    public void Dispose() => TestDirectories.Delete(Path.GetDirectoryName(Directory)!);
}
