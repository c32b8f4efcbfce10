using CreditRisk.Core.Persistence;
using CreditRisk.Core.Snapshots;

namespace CreditRisk.Tests.Support;

/// <summary>
/// Forwards everything to a real store, so a test double overrides only the repository it sabotages and a new port
/// needs adding in one place. Disposing does nothing: the wrapped store belongs to the test, which disposes it.
/// </summary>
public abstract class DelegatingStore(ICreditRiskStore inner) : ICreditRiskStore, ICustomerSnapshotStore
{
    protected ICreditRiskStore Inner => inner;

    public virtual string Description => inner.Description;

    public virtual ICustomerRepository Customers => inner.Customers;

    public virtual ICustomerSnapshotRepository Snapshots => ((ICustomerSnapshotStore)inner).Snapshots;

    public virtual ITransactionRepository Transactions => inner.Transactions;

    public virtual IStatementRepository Statements => inner.Statements;

    public virtual IBehaviorProfileRepository Profiles => inner.Profiles;

    public virtual IRiskAssessmentRepository Assessments => inner.Assessments;

    public virtual IAlertRepository Alerts => inner.Alerts;

    public virtual IModelRegistry Models => inner.Models;

    public virtual IUserRepository Users => inner.Users;

    public virtual IRoleRepository Roles => inner.Roles;

    public virtual IApiKeyRepository ApiKeys => inner.ApiKeys;

    public virtual IAuditLog Audit => inner.Audit;

    public virtual ISettingsRepository Settings => inner.Settings;

    public virtual IDevelopmentOutbox DevelopmentOutbox => inner.DevelopmentOutbox;

    public virtual IInboundMessageRepository InboundMessages => inner.InboundMessages;

    public virtual Task InitializeAsync(CancellationToken ct = default) => inner.InitializeAsync(ct);

    public virtual Task PingAsync(CancellationToken ct = default) => inner.PingAsync(ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
