using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Ingestion;

/// <summary>A LiteDB store in a fresh temporary directory, deleted afterwards.</summary>
internal sealed class TempLiteDbStore : IAsyncDisposable
{
    private readonly string _directory = TestDirectories.New();

    private TempLiteDbStore()
    {
        Store = new LiteDbCreditRiskStore(Path.Combine(_directory, "creditrisk.db"));
    }

    public LiteDbCreditRiskStore Store { get; }

    public static async Task<TempLiteDbStore> CreateAsync()
    {
        var temp = new TempLiteDbStore();
        await temp.Store.InitializeAsync();
        return temp;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        TestDirectories.Delete(_directory);
    }
}
