using CreditRisk.Core.Persistence;

namespace CreditRisk.Tests.Persistence;

/// <summary>
/// The store contract against the MongoDB adapter: a real server when <c>CREDITRISK_TEST_MONGO</c> is set, otherwise
/// the in-memory jongodb test server (see <see cref="MongoTestServer"/>). Each test gets its own database.
/// </summary>
[Collection(MongoTestServerCollection.Name)]
public sealed class MongoStoreContractTests(MongoTestServer server) : StoreContractTests
{
    protected override async Task<ICreditRiskStore> CreateEmptyStoreAsync() => await server.CreateStoreAsync();
}
