namespace CreditRisk.Tests.Training;

/// <summary>One synthetic portfolio on disk, shared by the training and CLI tests.</summary>
public sealed class PortfolioFixture : IDisposable
{
    public PortfolioFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "creditrisk-tests", Guid.NewGuid().ToString("N"), "portfolio");
        SyntheticPortfolio.Write(Directory, customers: 800, seed: 11);
    }

    public string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Path.GetDirectoryName(Directory)!, recursive: true);
}
