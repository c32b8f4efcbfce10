using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Tests.Support;

/// <summary>Forwards every call to a real customer repository, so a test double overrides only the call it sabotages.</summary>
public abstract class DelegatingCustomers(ICustomerRepository inner) : ICustomerRepository
{
    public virtual Task UpsertManyAsync(IReadOnlyCollection<Customer> customers, CancellationToken ct = default) => inner.UpsertManyAsync(customers, ct);

    public virtual Task<Customer?> GetAsync(string id, CancellationToken ct = default) => inner.GetAsync(id, ct);

    public virtual Task<IReadOnlyDictionary<string, Customer>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) => inner.GetManyAsync(ids, ct);

    public virtual Task<Customer?> FindByPhoneAsync(string phone, CancellationToken ct = default) => inner.FindByPhoneAsync(phone, ct);

    public virtual Task<long> CountAsync(CancellationToken ct = default) => inner.CountAsync(ct);

    public virtual Task<IReadOnlyList<Customer>> SearchAsync(string text, int take, CancellationToken ct = default) => inner.SearchAsync(text, take, ct);

    public virtual Task<IReadOnlyList<string>> ListIdsAsync(string? afterId, int take, CancellationToken ct = default) => inner.ListIdsAsync(afterId, take, ct);
}
