using CreditRisk.Core.Statements;

namespace CreditRisk.Core.Persistence;

public interface IStatementRepository
{
    /// <summary>Inserts or replaces statements by <see cref="Statement.Id"/> (customer + statement date), in one bulk write.</summary>
    Task UpsertManyAsync(IReadOnlyCollection<Statement> statements, CancellationToken ct = default);

    /// <summary>A customer's statements, oldest first, at most <paramref name="take"/> of the most recent.</summary>
    Task<IReadOnlyList<Statement>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default);

    /// <summary>
    /// <see cref="ListForCustomerAsync"/> for several customers in one read (a grid page): each customer's statements,
    /// oldest first, at most <paramref name="takeEach"/> of their most recent; customers without any are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<Statement>>> ListForCustomersAsync(
        IReadOnlyCollection<string> customerIds, int takeEach, CancellationToken ct = default);

    Task<long> CountAsync(CancellationToken ct = default);
}
