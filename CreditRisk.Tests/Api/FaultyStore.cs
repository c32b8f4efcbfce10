using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Api;

/// <summary>Wraps a working store (so start-up still works) and fails the operations a test switches on.</summary>
internal sealed class FaultyStore(ICreditRiskStore inner) : DelegatingStore(inner)
{
    public bool FailPing { get; init; }

    public bool FailCustomerWrites { get; init; }

    public override ICustomerRepository Customers => FailCustomerWrites ? new FailingCustomers(Inner.Customers) : Inner.Customers;

    public override Task PingAsync(CancellationToken ct = default) => FailPing ? throw new IOException("disk on fire") : Inner.PingAsync(ct);

    private sealed class FailingCustomers(ICustomerRepository inner) : ICustomerRepository
    {
        public Task UpsertManyAsync(IReadOnlyCollection<Customer> customers, CancellationToken ct = default) =>
            throw new IOException("disk on fire");

        public Task<Customer?> GetAsync(string id, CancellationToken ct = default) => inner.GetAsync(id, ct);

        public Task<IReadOnlyDictionary<string, Customer>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
            inner.GetManyAsync(ids, ct);

        public Task<Customer?> FindByPhoneAsync(string phone, CancellationToken ct = default) => inner.FindByPhoneAsync(phone, ct);

        public Task<long> CountAsync(CancellationToken ct = default) => inner.CountAsync(ct);

        public Task<IReadOnlyList<Customer>> SearchAsync(string text, int take, CancellationToken ct = default) => inner.SearchAsync(text, take, ct);

        public Task<IReadOnlyList<string>> ListIdsAsync(string? afterId, int take, CancellationToken ct = default) =>
            inner.ListIdsAsync(afterId, take, ct);
    }
}
