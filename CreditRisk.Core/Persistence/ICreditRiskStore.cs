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

    /// <summary>
    /// The risk pipeline's last write for a chunk: stores <paramref name="assessments"/> (as
    /// <see cref="IRiskAssessmentRepository.AddManyAsync"/>), then marks <paramref name="appliedTransactionIds"/> applied
    /// (as <see cref="ITransactionRepository.MarkAppliedAsync"/>). By default two writes in that order, which the crash
    /// safety argument allows; a store that can commit both at once (the embedded one) saves a commit per chunk.
    /// </summary>
    async Task AddAssessmentsAndMarkAppliedAsync(
        IReadOnlyCollection<Risk.RiskAssessment> assessments, IReadOnlyCollection<string> appliedTransactionIds, DateTimeOffset appliedAt,
        CancellationToken ct = default)
    {
        await Assessments.AddManyAsync(assessments, ct).ConfigureAwait(false);
        await Transactions.MarkAppliedAsync(appliedTransactionIds, appliedAt, ct).ConfigureAwait(false);
    }

    /// <summary>Creates collections and indexes; idempotent. Throws a clear exception when the store is unreachable.</summary>
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>Round-trips to the store; throws when it is unreachable.</summary>
    Task PingAsync(CancellationToken ct = default);
}
