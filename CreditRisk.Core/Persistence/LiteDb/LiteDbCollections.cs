namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>Collection and synthetic field names in the LiteDB file.</summary>
internal static class LiteDbCollections
{
    public const string Customers = "customers";
    public const string Transactions = "transactions";
    public const string Statements = "statements";

    /// <summary>Statements the risk pipeline has not applied yet: <c>_id</c> the statement's, customer and receipt time.</summary>
    public const string PendingStatements = "pending_statements";
    public const string Profiles = "behavior_profiles";
    public const string Assessments = "risk_assessments";
    public const string CurrentRisk = "customer_risk";
    public const string FeatureSets = "feature_sets";
    public const string Alerts = "alerts";
    public const string Models = "models";
    public const string ModelChunks = "model_chunks";
    public const string Users = "users";
    public const string Roles = "roles";
    public const string ApiKeys = "api_keys";
    public const string Audit = "audit";
    public const string Settings = "settings";
    public const string DevelopmentOutbox = "development_outbox";
    public const string InboundMessages = "inbound_messages";

    /// <summary>Every collection above, created when the store opens (<see cref="LiteDbContext.CreateMissingCollections"/>).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Customers, Snapshots.SnapshotDocument.CollectionName, Transactions, Statements, PendingStatements, Profiles, Assessments, CurrentRisk, FeatureSets, Alerts,
        Models, ModelChunks, Users, Roles, ApiKeys, Audit, Settings, DevelopmentOutbox, InboundMessages,
    ];

    /// <summary>Synthetic <c>{customer}␟{time}␟{id}</c> key (see <see cref="LiteDbKeys"/>).</summary>
    public const string CustomerTimeKey = "_customerTime";

    /// <summary>
    /// Synthetic <c>{customer}␟{received}␟{id}</c> key of a transaction the risk pipeline has not applied yet; absent
    /// once applied, so its index holds only the pending ones.
    /// </summary>
    public const string PendingKey = "_pending";
    /// <summary>Synthetic <c>␟{time}␟{id}</c> key: time order with the id breaking ties.</summary>
    public const string TimeKey = "_time";

    /// <summary>Synthetic <c>{recipient}␟{time}␟{id}</c> key of a development outbox message.</summary>
    public const string RecipientTimeKey = "_recipientTime";

    /// <summary>Synthetic <c>{status}␟{created}␟{id}</c> key of an alert.</summary>
    public const string StatusTimeKey = "_statusTime";

    /// <summary>Synthetic unique key of an alert: its escalation key, or a per-alert value when it has none.</summary>
    public const string EscalationKey = "_escalation";

    /// <summary>Synthetic <c>band * 10 + score</c> of a current risk: band filter and score order in one index.</summary>
    public const string BandScoreKey = "_bandScore";
}
