using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;

namespace CreditRisk.Tests.Persistence;

/// <summary>The store contract against the embedded LiteDB adapter, one temporary file per test.</summary>
public sealed class LiteDbStoreContractTests : EmbeddedStoreContractTests
{
    protected override string FileName => "store.db";

    protected override string EngineName => "LiteDB";

    protected override ICreditRiskStore Open(string path) => new LiteDbCreditRiskStore(path);
}
