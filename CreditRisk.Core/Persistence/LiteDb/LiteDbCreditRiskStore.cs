using CreditRisk.Core.Identity;
using CreditRisk.Core.Messaging;
using CreditRisk.Core.Snapshots;
using LiteDB;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// The embedded store: one LiteDB file owned by this process (direct connection, no cross-process sharing).
/// Thread-safe: LiteDB serialises its own page access, and every read-then-write repository operation holds a lock.
/// </summary>
public sealed class LiteDbCreditRiskStore : ICreditRiskStore, ICustomerSnapshotStore, IDisposable
{
    private readonly LiteDatabase _database;
    private readonly LiteDbContext _context;
    private readonly LiteDbCustomerRepository _customers;
    private readonly LiteDbTransactionRepository _transactions;
    private readonly LiteDbStatementRepository _statements;
    private readonly LiteDbBehaviorProfileRepository _profiles;
    private readonly LiteDbRiskAssessmentRepository _assessments;
    private readonly LiteDbAlertRepository _alerts;
    private readonly LiteDbModelRegistry _models;
    private readonly LiteDbUserRepository _users;
    private readonly LiteDbRoleRepository _roles;
    private readonly LiteDbApiKeyRepository _apiKeys;
    private readonly LiteDbAuditLog _audit;
    private readonly LiteDbSettingsRepository _settings;
    private readonly LiteDbDevelopmentOutbox _developmentOutbox;
    private readonly LiteDbInboundMessageRepository _inboundMessages;

    /// <summary>Opens (creating if missing, with its directory) the LiteDB file at <paramref name="path"/>.</summary>
    /// <param name="path">File path, absolute or relative to the current directory, e.g. <c>data/creditrisk.db</c>.</param>
    public LiteDbCreditRiskStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        FilePath = fullPath;
        Description = $"LiteDB ({path})";

        var mapper = LiteDbMapper.Create();
        _database = new LiteDatabase(
            new ConnectionString
            {
                Filename = fullPath,
                Connection = ConnectionType.Direct,

                // Ids compare as MongoDB compares them: case-sensitive, ordinal. LiteDB's default would make
                // "tx-1" and "TX-1" the same transaction. Only applies when the file is created.
                Collation = Collation.Binary,
            },
            mapper);

        var context = _context = new LiteDbContext(_database, mapper);
        _customers = new LiteDbCustomerRepository(context);
        _transactions = new LiteDbTransactionRepository(context);
        _statements = new LiteDbStatementRepository(context);
        _profiles = new LiteDbBehaviorProfileRepository(context);
        _assessments = new LiteDbRiskAssessmentRepository(context);
        _alerts = new LiteDbAlertRepository(context);
        Snapshots = new LiteDbCustomerSnapshotRepository(context, _customers, _alerts, _assessments);
        _models = new LiteDbModelRegistry(context);
        _users = new LiteDbUserRepository(context);
        _roles = new LiteDbRoleRepository(context);
        _apiKeys = new LiteDbApiKeyRepository(context);
        _audit = new LiteDbAuditLog(context);
        _settings = new LiteDbSettingsRepository(context);
        _developmentOutbox = new LiteDbDevelopmentOutbox(context);
        _inboundMessages = new LiteDbInboundMessageRepository(context);
    }

    /// <summary>Absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The latest snapshot row of each snapshot customer.</summary>
    public ICustomerSnapshotRepository Snapshots { get; }

    public string Description { get; }

    public ICustomerRepository Customers => _customers;

    public ITransactionRepository Transactions => _transactions;

    public IStatementRepository Statements => _statements;

    public IBehaviorProfileRepository Profiles => _profiles;

    public IRiskAssessmentRepository Assessments => _assessments;

    public IAlertRepository Alerts => _alerts;

    public IModelRegistry Models => _models;

    public IUserRepository Users => _users;

    public IRoleRepository Roles => _roles;

    public IApiKeyRepository ApiKeys => _apiKeys;

    public IAuditLog Audit => _audit;

    public ISettingsRepository Settings => _settings;

    public IDevelopmentOutbox DevelopmentOutbox => _developmentOutbox;

    public IInboundMessageRepository InboundMessages => _inboundMessages;

    public Task InitializeAsync(CancellationToken ct = default) => LiteDbContext.Run(() => _context.Write(() =>
    {
        _context.CreateMissingCollections();
        _customers.EnsureIndexes();
        _transactions.EnsureIndexes();
        _statements.EnsureIndexes();
        _assessments.EnsureIndexes();
        _alerts.EnsureIndexes();
        _models.EnsureIndexes();
        _users.EnsureIndexes();
        _roles.EnsureIndexes();
        _apiKeys.EnsureIndexes();
        _audit.EnsureIndexes();
        _developmentOutbox.EnsureIndexes();
        _inboundMessages.EnsureIndexes();
    }), ct);

    /// <summary>Every user, read raw: no port lists them all, and the migration to SQLite copies them.</summary>
    internal IReadOnlyList<AppUser> ReadAllUsers() =>
        _context.Collection(LiteDbCollections.Users).FindAll().Select(_context.ToEntity<AppUser>).ToList();

    /// <summary>
    /// Every inbound message, with a customer or not, for the migration to SQLite. Read whole, as the users are: a
    /// LiteDB cursor belongs to its thread, and the copy awaits between messages.
    /// </summary>
    internal IReadOnlyList<InboundMessage> ReadAllInboundMessages() =>
        _context.Collection(LiteDbCollections.InboundMessages).FindAll().Select(_context.ToEntity<InboundMessage>).ToList();

    /// <summary>Which of these transactions are still pending, for the migration to SQLite.</summary>
    internal IReadOnlySet<string> PendingTransactionIds(IEnumerable<string> ids) => _transactions.ListPending(ids);

    /// <summary>Every stored setting, for the migration to SQLite.</summary>
    internal IReadOnlyList<StoredSetting> ReadAllSettings() => _settings.ReadAll();

    public Task PingAsync(CancellationToken ct = default) => LiteDbContext.Run(() => _ = _database.UserVersion, ct);

    /// <summary>Closes the file. Synchronous disposal is supported too, since a container disposed with Dispose() demands it.</summary>
    public void Dispose() => _database.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
