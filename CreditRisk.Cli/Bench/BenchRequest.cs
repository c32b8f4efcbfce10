namespace CreditRisk.Cli.Bench;

/// <summary>What <c>creditrisk bench</c> runs.</summary>
internal sealed record BenchRequest
{
    /// <summary>Customers in the temporary store (the re-score figure re-scores them all). Default 100,000.</summary>
    public int Customers { get; init; } = 100_000;

    /// <summary>Transactions replayed by each pipeline figure (in memory, durable, HTTP). Default 50,000.</summary>
    public int Transactions { get; init; } = 50_000;

    /// <summary>Path of CreditRisk.Web.dll; null finds it next to the CLI or in the repository's build output.</summary>
    public string? WebDll { get; init; }

    /// <summary>Where the temporary store goes; null means /dev/shm when it has room, else the temporary directory.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Longest a streamed figure (durable, HTTP) may run before it stops and reports what it did. Default 25 s.</summary>
    public TimeSpan FigureBudget { get; init; } = TimeSpan.FromSeconds(25);
}
