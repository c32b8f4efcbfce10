namespace CreditRisk.Core.Persistence;

/// <summary>One storage back end (LiteDB or MongoDB) with every repository CreditRisk uses.</summary>
public interface ICreditRiskStore : IAsyncDisposable
{
    /// <summary>Human-readable name for logs and health output, e.g. <c>LiteDB (data/creditrisk.db)</c>.</summary>
    string Description { get; }

    ICustomerRepository Customers { get; }

    ITransactionRepository Transactions { get; }

    IStatementRepository Statements { get; }

    IBehaviorProfileRepository Profiles { get; }

    IRiskAssessmentRepository Assessments { get; }

    IAlertRepository Alerts { get; }

    IModelRegistry Models { get; }

    IUserRepository Users { get; }

    IRoleRepository Roles { get; }

    IApiKeyRepository ApiKeys { get; }

    IAuditLog Audit { get; }

    ISettingsRepository Settings { get; }

    /// <summary>WhatsApp messages kept instead of sent while no access token is configured.</summary>
    IDevelopmentOutbox DevelopmentOutbox { get; }

    /// <summary>Customer messages received by the WhatsApp webhook.</summary>
    IInboundMessageRepository InboundMessages { get; }

    /// <summary>Creates collections and indexes; idempotent. Throws a clear exception when the store is unreachable.</summary>
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>Round-trips to the store; throws when it is unreachable.</summary>
    Task PingAsync(CancellationToken ct = default);
}
