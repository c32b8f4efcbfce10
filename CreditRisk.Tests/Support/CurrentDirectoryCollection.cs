namespace CreditRisk.Tests.Support;

/// <summary>Tests that change <see cref="Directory.SetCurrentDirectory"/> run alone, since the current directory is process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CurrentDirectoryCollection
{
    public const string Name = "Current directory";
}
