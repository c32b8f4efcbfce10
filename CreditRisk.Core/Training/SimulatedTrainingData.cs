using CreditRisk.Core.Simulation;

namespace CreditRisk.Core.Training;

/// <summary>
/// Turns simulator output into the training history that <see cref="TrainingDataReader"/> would read from the files
/// <see cref="SimulationCsvWriter"/> writes for it, without the round trip through CSV (the demo seeding trains on
/// the portfolio it has just generated). Labels keep the simulator's order, as in labels.csv.
/// </summary>
public static class SimulatedTrainingData
{
    /// <param name="customers">The simulated customers; enumerated once.</param>
    /// <param name="source">Description kept in the model's training summary, e.g. <c>demo simulation (seed 7)</c>.</param>
    public static LabeledHistory ToHistory(IEnumerable<SimulatedCustomer> customers, string source)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var histories = new Dictionary<string, CustomerHistory>(StringComparer.Ordinal);
        var labels = 0;
        var hasTransactions = false;
        var hasStatements = false;
        foreach (var simulated in customers)
        {
            var history = new CustomerHistory(simulated.Customer.Id, simulated.Customer.CreditLimit);
            histories[history.Id] = history;
            history.Transactions.AddRange(simulated.Transactions.Select(CompactTransaction.From));

            history.Statements.AddRange(simulated.Statements);
            foreach (var label in simulated.Labels)
            {
                history.Labels.Add(new LabelRow(labels++, label.AsOf, label.BecameDelinquent));
            }

            hasTransactions |= simulated.Transactions.Count > 0;
            hasStatements |= simulated.Statements.Count > 0;
        }

        return new LabeledHistory(histories, labels, hasTransactions, hasStatements, source);
    }
}
