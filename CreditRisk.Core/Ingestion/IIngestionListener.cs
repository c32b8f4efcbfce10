using CreditRisk.Core.Customers;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Ingestion;

/// <summary>
/// Told about data after it has been stored durably (the risk pipeline plugs in here). Register implementations
/// as <c>IIngestionListener</c> services; with none registered nothing happens. A listener that throws is logged
/// and does not fail the request: the data is already accepted, and the transactions it left pending are recovered
/// by the risk pipeline's recovery sweep. The token passed is not the caller's (the data is committed; a caller that
/// gives up must not stop the work on it half-way): a listener bounds its own work.
/// </summary>
public interface IIngestionListener
{
    /// <summary>Customers just created or replaced.</summary>
    Task OnCustomersAcceptedAsync(IReadOnlyList<Customer> customers, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Only the transactions stored by this call, in request order; replays of stored ids are not repeated.</summary>
    Task OnTransactionsAcceptedAsync(IReadOnlyList<Transaction> newOnes, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The stored originals of transactions a request sent again (replays of stored ids), including their
    /// <see cref="Transaction.AppliedAt"/>: a replay after a crash may find them stored but never applied.
    /// </summary>
    Task OnTransactionsReplayedAsync(IReadOnlyList<Transaction> storedOriginals, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Statements just inserted or replaced.</summary>
    Task OnStatementsAcceptedAsync(IReadOnlyList<Statement> statements, CancellationToken ct) => Task.CompletedTask;
}
