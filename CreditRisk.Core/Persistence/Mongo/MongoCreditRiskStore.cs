using CreditRisk.Core.Snapshots;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

/// <summary>
/// The production store: every repository over one MongoDB database. Works on a standalone server or a replica set
/// and needs no multi-document transactions. Create one per process (the client pools connections) and call
/// <see cref="InitializeAsync"/> once at start-up to check the connection and create indexes.
/// </summary>
public sealed class MongoCreditRiskStore : ICreditRiskStore, ICustomerSnapshotStore, IDisposable
{
    private readonly MongoClient _client;
    private readonly IMongoDatabase _database;
    private readonly TimeSpan _connectTimeout;
    private readonly string _servers;
    private readonly MongoCustomerRepository _customers;
    private readonly MongoTransactionRepository _transactions;
    private readonly MongoStatementRepository _statements;
    private readonly MongoBehaviorProfileRepository _profiles;
    private readonly MongoRiskAssessmentRepository _assessments;
    private readonly MongoAlertRepository _alerts;
    private readonly MongoModelRegistry _models;
    private readonly MongoUserRepository _users;
    private readonly MongoRoleRepository _roles;
    private readonly MongoApiKeyRepository _apiKeys;
    private readonly MongoAuditLog _audit;
    private readonly MongoSettingsRepository _settings;
    private readonly MongoDevelopmentOutbox _developmentOutbox;
    private readonly MongoInboundMessageRepository _inboundMessages;

    /// <param name="connectionString">A <c>mongodb://</c> or <c>mongodb+srv://</c> connection string.</param>
    /// <param name="databaseName">Database holding CreditRisk's collections.</param>
    /// <param name="connectTimeout">
    /// Upper bound for finding a usable server and opening a connection; an unreachable server makes
    /// <see cref="InitializeAsync"/> and <see cref="PingAsync"/> fail after about this long instead of hanging.
    /// Overrides any timeout in the connection string.
    /// </param>
    public MongoCreditRiskStore(string connectionString, string databaseName, TimeSpan connectTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(connectTimeout, TimeSpan.Zero);

        MongoMappings.EnsureRegistered();

        var url = MongoUrl.Create(connectionString);
        var settings = MongoClientSettings.FromUrl(url);
        settings.ServerSelectionTimeout = connectTimeout;
        settings.ConnectTimeout = connectTimeout;
        _client = new MongoClient(settings);
        _database = _client.GetDatabase(databaseName);
        _connectTimeout = connectTimeout;

        // Host names only: the connection string may carry credentials, which must not reach logs.
        _servers = url.Scheme == MongoDB.Driver.Core.Configuration.ConnectionStringScheme.MongoDBPlusSrv
            ? url.Server.Host
            : string.Join(",", url.Servers.Select(s => $"{s.Host}:{s.Port}"));
        Description = $"MongoDB ({_servers}, database {databaseName})";

        _customers = new MongoCustomerRepository(_database);
        _transactions = new MongoTransactionRepository(_database);
        _statements = new MongoStatementRepository(_database);
        _profiles = new MongoBehaviorProfileRepository(_database);
        _assessments = new MongoRiskAssessmentRepository(_database);
        _alerts = new MongoAlertRepository(_database);
        Snapshots = new MongoCustomerSnapshotRepository(_database, _customers, _alerts, _assessments);
        _models = new MongoModelRegistry(_database);
        _users = new MongoUserRepository(_database);
        _roles = new MongoRoleRepository(_database);
        _apiKeys = new MongoApiKeyRepository(_database);
        _audit = new MongoAuditLog(_database);
        _settings = new MongoSettingsRepository(_database);
        _developmentOutbox = new MongoDevelopmentOutbox(_database);
        _inboundMessages = new MongoInboundMessageRepository(_database);
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The latest snapshot row of each snapshot customer.</summary>
    public ICustomerSnapshotRepository Snapshots { get; }

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

    /// <summary>
    /// Checks the server answers, then creates the indexes the queries rely on. Creating an index that already
    /// exists with the same options is a no-op, so this is safe on every start. Collections are created implicitly.
    /// </summary>
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await PingAsync(ct);
        await _customers.CreateIndexesAsync(ct);
        await _transactions.CreateIndexesAsync(ct);
        await _statements.CreateIndexesAsync(ct);
        await _assessments.CreateIndexesAsync(ct);
        await _alerts.CreateIndexesAsync(ct);
        await _models.CreateIndexesAsync(ct);
        await _users.CreateIndexesAsync(ct);
        await _roles.CreateIndexesAsync(ct);
        await _apiKeys.CreateIndexesAsync(ct);
        await _audit.CreateIndexesAsync(ct);
        await _developmentOutbox.CreateIndexesAsync(ct);
        await _inboundMessages.CreateIndexesAsync(ct);
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken ct = default)
    {
        // Server selection is bounded by the client settings; the deadline also bounds a server that accepts
        // connections but never answers, so the caller hears back within the configured time either way.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_connectTimeout);
        try
        {
            await _database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: deadline.Token);
        }
        catch (Exception ex) when (ex is TimeoutException or MongoConnectionException
            || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new InvalidOperationException(
                $"MongoDB is not reachable at {_servers} (database {_database.DatabaseNamespace.DatabaseName}) within "
                + $"{_connectTimeout.TotalSeconds:0.#} s. Check ConnectionStrings:Mongo and that the server is running "
                + $"(Storage:MongoConnectTimeoutSeconds sets the wait). Cause: {FirstLine(ex.Message)}",
                ex);
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    /// <summary>Closes the client's connections. Synchronous disposal is supported too, since a container disposed with Dispose() demands it.</summary>
    public void Dispose() => _client.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
