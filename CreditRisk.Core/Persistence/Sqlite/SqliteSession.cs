using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// One open connection with its prepared statements. SQLite compiles a statement on a command's first execution and
/// keeps it with the command, so each SQL text gets one command per connection, reused with new parameter values:
/// compiling costs more than running the small statements the store issues. Used by one thread at a time (the
/// database hands a session out under its write gate or from its reader pool).
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    /// <summary>How long a read waits for the database to become readable; the connection string's <c>DefaultTimeout</c>.</summary>
    public const int ReaderBusyTimeoutSeconds = 30;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);

    public SqliteSession(string connectionString, bool writer)
    {
        Connection = new SqliteConnection(connectionString);
        Connection.Open();
        foreach (var pragma in writer ? WriterPragmas : ReaderPragmas)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = pragma;
            command.ExecuteNonQuery();
        }

        // SQLite's own lower() folds A–Z only: a staff search for "émile" did not find "Émile". .NET's folds every letter.
        Connection.CreateFunction("lower_unicode", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);

        if (!writer)
        {
            // What the connection's default timeout does for ADO.NET commands, for RawRows: a read that meets a
            // checkpoint resetting the log waits for it instead of failing.
            raw.sqlite3_busy_timeout(Connection.Handle, (int)TimeSpan.FromSeconds(ReaderBusyTimeoutSeconds).TotalMilliseconds);
        }
    }

    // WAL lets readers run beside the one writer and see only committed data. synchronous=FULL syncs the log at every
    // commit, so a committed batch survives power loss, not only a killed process; measured (issue #18) at no cost
    // over NORMAL with 100 transactions a commit. The log is copied back into the database file every 8,000 pages
    // (32 MiB) rather than SQLite's default 1,000: the same hot index and profile pages are rewritten by batch after
    // batch, and a longer log copies each of them back once per checkpoint, not once per few batches (issue #18: a
    // durable transaction cost 156 CPU-µs instead of 196–205 in back-to-back bench runs).
    private static readonly string[] WriterPragmas =
    [
        "PRAGMA journal_mode=WAL;", "PRAGMA synchronous=FULL;", "PRAGMA foreign_keys=OFF;", "PRAGMA temp_store=MEMORY;",
        "PRAGMA cache_size=-32768;", "PRAGMA wal_autocheckpoint=8000;",
    ];

    // A reader's page cache is dropped whenever another connection has committed since its last read, so under
    // ingestion it rarely fills, and a small one keeps the working set down at no measured cost. The writer's cache is
    // never dropped and holds the hot index pages: 32 MiB (issue #18, bench runs with the 8,000-page checkpoint: 32 and
    // 64 MiB cost the same CPU, 16 MiB somewhat more; with the old 1,000-page checkpoint 32 MiB had cost a quarter more).
    private static readonly string[] ReaderPragmas = ["PRAGMA query_only=ON;", "PRAGMA cache_size=-4096;"];

    public SqliteConnection Connection { get; }

    /// <summary>The transaction open on this connection, which every command must carry while it is open.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>
    /// The prepared command for <paramref name="sql"/>, its parameters cleared. Name parameters <c>$name</c> and add
    /// them with <see cref="SqliteParameterCollection.AddWithValue"/>. Never dispose the returned command.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>Runs <paramref name="sql"/> (no result) with the parameters given as name/value pairs; returns the rows changed.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, or null when there is no row.</summary>
    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var result = command.ExecuteScalar();
        return result is DBNull ? null : result;
    }

    /// <summary>
    /// Runs <paramref name="sql"/>, with one text parameter, through SQLite's own interface and maps each row while it
    /// is current: <paramref name="map"/> reads columns with <c>raw.sqlite3_column_*</c>, a blob as a span over SQLite's
    /// memory. For hot reads of large blobs: the ADO.NET reader copies a blob into a new array, behind a stream it opens
    /// per call, before the caller sees a byte.
    /// </summary>
    public List<T> RawRows<T>(string sql, string parameter, Func<sqlite3_stmt, T> map)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            Check(raw.sqlite3_prepare_v2(Connection.Handle, sql, out statement));
            _statements[sql] = statement;
        }

        try
        {
            Check(raw.sqlite3_bind_text(statement, 1, parameter));
            var rows = new List<T>();
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                rows.Add(map(statement));
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }

            return rows;
        }
        finally
        {
            // Ends the statement's read, which would otherwise hold back checkpoints.
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, Connection.Handle);

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _commands.Clear();
        _statements.Clear();
        Connection.Dispose();
    }
}
