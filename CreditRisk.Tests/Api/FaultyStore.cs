using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Tests.Api;

/// <summary>Wraps a working store (so start-up still works) and fails the operations a test switches on.</summary>
internal sealed class FaultyStore(ICreditRiskStore inner) : ICreditRiskStore
{
    public bool FailPing { get; init; }

    public bool FailCustomerWrites { get; init; }

    public string Description => inner.Description;

    public ICustomerRepository Customers => FailCustomerWrites ? new FailingCustomers(inner.Customers) : inner.Customers;

    public ITransactionRepository Transactions => inner.Transactions;

    public IStatementRepository Statements => inner.Statements;

    public IBehaviorProfileRepository Profiles => inner.Profiles;

    public IRiskAssessmentRepository Assessments => inner.Assessments;

    public IAlertRepository Alerts => inner.Alerts;

    public IModelRegistry Models => inner.Models;

    public IUserRepository Users => inner.Users;

    public IRoleRepository Roles => inner.Roles;

    public IApiKeyRepository ApiKeys => inner.ApiKeys;

    public IAuditLog Audit => inner.Audit;

    public ISettingsRepository Settings => inner.Settings;

    public IDevelopmentOutbox DevelopmentOutbox => inner.DevelopmentOutbox;

    public IInboundMessageRepository InboundMessages => inner.InboundMessages;

    public Task InitializeAsync(CancellationToken ct = default) => inner.InitializeAsync(ct);

    public Task PingAsync(CancellationToken ct = default) => FailPing ? throw new IOException("disk on fire") : inner.PingAsync(ct);

    // The wrapped store belongs to the test, which disposes it.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class FailingCustomers(ICustomerRepository inner) : ICustomerRepository
    {
        public Task UpsertManyAsync(IReadOnlyCollection<Customer> customers, CancellationToken ct = default) =>
            throw new IOException("disk on fire");

        public Task<Customer?> GetAsync(string id, CancellationToken ct = default) => inner.GetAsync(id, ct);

        public Task<IReadOnlyDictionary<string, Customer>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
            inner.GetManyAsync(ids, ct);

        public Task<Customer?> FindByPhoneAsync(string phone, CancellationToken ct = default) => inner.FindByPhoneAsync(phone, ct);

        public Task<long> CountAsync(CancellationToken ct = default) => inner.CountAsync(ct);

        public Task<IReadOnlyList<string>> ListIdsAsync(string? afterId, int take, CancellationToken ct = default) =>
            inner.ListIdsAsync(afterId, take, ct);
    }
}
