using CreditRisk.Core.Customers;

namespace CreditRisk.Core.Persistence;

public interface ICustomerRepository
{
    /// <summary>Inserts new customers and replaces existing ones with the same id, in one bulk write.</summary>
    Task UpsertManyAsync(IReadOnlyCollection<Customer> customers, CancellationToken ct = default);

    Task<Customer?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>The customers among <paramref name="ids"/> that exist, keyed by id.</summary>
    Task<IReadOnlyDictionary<string, Customer>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default);

    /// <summary>The customer holding <paramref name="phone"/>; when several do, the lowest id (ordinal).</summary>
    Task<Customer?> FindByPhoneAsync(string phone, CancellationToken ct = default);

    Task<long> CountAsync(CancellationToken ct = default);

    /// <summary>
    /// Customers whose id starts with <paramref name="text"/>, whose name contains it (any case) or whose phone contains
    /// it, in id order, at most <paramref name="take"/>. For staff looking someone up; a scan, so keep
    /// <paramref name="take"/> small.
    /// </summary>
    Task<IReadOnlyList<Customer>> SearchAsync(string text, int take, CancellationToken ct = default);

    /// <summary>Customer ids in ascending order after <paramref name="afterId"/> (keyset paging for batch jobs).</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(string? afterId, int take, CancellationToken ct = default);
}
