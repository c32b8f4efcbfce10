using CreditRisk.Core.Persistence;
using CreditRisk.Core.Simulation;
using CreditRisk.Tests.Simulation;

namespace CreditRisk.Tests.Training;

/// <summary>Stores a small simulated portfolio (12 months to <see cref="SimulationTestData.EndDate"/>, monthly label panel) as ingestion would.</summary>
internal static class SimulatedStore
{
    /// <summary>After the simulated period, so every simulated statement is in the past.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 17, 9, 0, 0, TimeSpan.Zero);

    public static async Task<List<SimulatedCustomer>> SeedAsync(ICreditRiskStore store, int customers, int seed = 42)
    {
        var simulated = SimulationTestData.Generate(SimulationTestData.Options(customers, seed: seed, policy: LabelPolicy.EveryStatement));
        await store.Customers.UpsertManyAsync(simulated.ConvertAll(c => c.Customer));
        await store.Transactions.InsertNewAsync([.. simulated.SelectMany(c => c.Transactions)]);
        await store.Statements.UpsertManyAsync([.. simulated.SelectMany(c => c.Statements)]);
        return simulated;
    }
}
