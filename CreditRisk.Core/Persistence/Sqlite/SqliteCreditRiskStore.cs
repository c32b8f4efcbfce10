using CreditRisk.Core.Snapshots;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// The embedded store on SQLite: one file owned by this process, in write-ahead-log mode (readers beside one writer).
/// Thread-safe: writes go one at a time through <see cref="SqliteDatabase.WriteGate"/>, reads use their own connections.
/// </summary>
public sealed class SqliteCreditRiskStore : ICreditRiskStore, ICustomerSnapshotStore, IDisposable
{
    private readonly SqliteDatabase _database;

    /// <summary>Opens (creating if missing, with its directory) the SQLite file at <paramref name="path"/>.</summary>
    /// <param name="path">File path, absolute or relative to the current directory, e.g. <c>data/creditrisk.sqlite</c>.</param>
    public SqliteCreditRiskStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        FilePath = fullPath;
        Description = $"SQLite ({path})";

        var db = _database = new SqliteDatabase(fullPath);
        var customers = new SqliteCustomerRepository(db);
        Customers = customers;
        Transactions = new SqliteTransactionRepository(db);
        Statements = new SqliteStatementRepository(db);
        Profiles = ProfileImport = new SqliteBehaviorProfileRepository(db);
        var assessments = new SqliteRiskAssessmentRepository(db);
        Assessments = CurrentRiskImport = assessments;
        var alerts = new SqliteAlertRepository(db);
        Alerts = alerts;
        Snapshots = new SqliteCustomerSnapshotRepository(db, customers, alerts, assessments);
        Models = new SqliteModelRegistry(db);
        Users = new SqliteUserRepository(db);
        Roles = new SqliteRoleRepository(db);
        ApiKeys = new SqliteApiKeyRepository(db);
        Audit = new SqliteAuditLog(db);
        Settings = new SqliteSettingsRepository(db);
        DevelopmentOutbox = new SqliteDevelopmentOutbox(db);
        InboundMessages = new SqliteInboundMessageRepository(db);

        // Tables exist from the moment the store opens, as LiteDB's collections appear on first write: code that writes
        // before InitializeAsync (a command-line tool, a test) works on both.
        CreateSchema();
    }

    /// <summary>Every table and index, created when the store opens; each repository owns its own part.</summary>
    private static readonly string[] Schemas =
    [
        SqliteCustomerRepository.Schema,
        SqliteTransactionRepository.Schema,
        SqliteStatementRepository.Schema,
        SqliteBehaviorProfileRepository.Schema,
        SqliteRiskAssessmentRepository.Schema,
        SqliteFeatureVectors.Schema,
        SqliteAlertRepository.Schema,
        SqliteCustomerSnapshotRepository.Schema,
        SqliteModelRegistry.Schema,
        SqliteUserRepository.Schema,
        SqliteRoleRepository.Schema,
        SqliteApiKeyRepository.Schema,
        SqliteAuditLog.Schema,
        SqliteSettingsRepository.Schema,
        SqliteDevelopmentOutbox.Schema,
        SqliteInboundMessageRepository.Schema,
    ];

    /// <summary>The profiles, with the migration's import that keeps versions.</summary>
    internal SqliteBehaviorProfileRepository ProfileImport { get; }

    /// <summary>The assessments, with the migration's import of current rows as they are.</summary>
    internal SqliteRiskAssessmentRepository CurrentRiskImport { get; }

    /// <summary>Absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The latest snapshot row of each snapshot customer.</summary>
    public ICustomerSnapshotRepository Snapshots { get; }

    public string Description { get; }

    public ICustomerRepository Customers { get; }

    public ITransactionRepository Transactions { get; }

    public IStatementRepository Statements { get; }

    public IBehaviorProfileRepository Profiles { get; }

    public IRiskAssessmentRepository Assessments { get; }

    public IAlertRepository Alerts { get; }

    public IModelRegistry Models { get; }

    public IUserRepository Users { get; }

    public IRoleRepository Roles { get; }

    public IApiKeyRepository ApiKeys { get; }

    public IAuditLog Audit { get; }

    public ISettingsRepository Settings { get; }

    public IDevelopmentOutbox DevelopmentOutbox { get; }

    public IInboundMessageRepository InboundMessages { get; }

    public Task InitializeAsync(CancellationToken ct = default) => SqliteDatabase.Run(CreateSchema, ct);

    private void CreateSchema() => _database.Write(session =>
    {
        foreach (var schema in Schemas)
        {
            session.Execute(schema);
        }

        CurrentRiskImport.Migrate(session);
    });

    public Task PingAsync(CancellationToken ct = default) =>
        SqliteDatabase.Run(() => _database.Read(session => session.Scalar("SELECT 1")), ct);

    /// <summary>Closes the file. Synchronous disposal is supported too, since a container disposed with Dispose() demands it.</summary>
    public void Dispose() => _database.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
