using System.Collections.Concurrent;
using CreditRisk.Core.Persistence.LiteDb;
using LiteDB;
using Microsoft.Data.Sqlite;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// The SQLite file behind the embedded store: one writer connection behind a gate, a pool of reader connections, and
/// the document encoding every table shares.
/// <para>
/// Documents are stored as the BSON bytes the LiteDB adapter writes (same mapper, same conversions: times to the
/// millisecond, enums by name), so both embedded adapters read back exactly what the contract tests expect and a
/// LiteDB file's documents copy across unchanged. What a query filters or sorts on is also kept in plain columns with
/// SQL indexes.
/// </para>
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteSession _writer;
    private readonly ConcurrentBag<SqliteSession> _readers = [];
    private readonly FileStream _ownership;
    private bool _disposed;

    /// <summary>Opens (creating if missing) the file at <paramref name="fullPath"/> for this process alone.</summary>
    public SqliteDatabase(string fullPath)
    {
        FilePath = fullPath;

        // The repositories cache hot rows (customers, current risk), which is only right while every write goes
        // through this process: a second process on the same file is refused, as LiteDB's direct mode refuses it.
        try
        {
            _ownership = new FileStream(fullPath + "-owner", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new StoreInUseException(
                $"The store {fullPath} is open in another CreditRisk process (the web app?); stop that process first, "
                + "or point this one at another store (Storage__SqlitePath).", ex);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,

            // A reader that meets a checkpoint in progress waits instead of failing.
            DefaultTimeout = SqliteSession.ReaderBusyTimeoutSeconds,
        }.ToString();
        _writer = new SqliteSession(_connectionString, writer: true);
    }

    public string FilePath { get; }

    /// <summary>The LiteDB adapter's mapper: documents are encoded the same way in both embedded stores.</summary>
    public BsonMapper Mapper { get; } = LiteDbMapper.Create();

    /// <summary>Held by every write. SQLite takes one writer at a time anyway; holding the gate in-process avoids its busy waits.</summary>
    public Lock WriteGate { get; } = new();

    public byte[] Encode<T>(T entity) => BsonSerializer.Serialize(Mapper.ToDocument(entity));

    public static byte[] Encode(BsonDocument document) => BsonSerializer.Serialize(document);

    public T Decode<T>(byte[] bytes) => Mapper.ToObject<T>(BsonSerializer.Deserialize(bytes));

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction on the writer connection: all or nothing, one commit (one
    /// log sync) for the whole batch. A write inside another joins it.
    /// </summary>
    public T Write<T>(Func<SqliteSession, T> work)
    {
        lock (WriteGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer.Transaction is not null)
            {
                return work(_writer);
            }

            using var transaction = _writer.Connection.BeginTransaction(deferred: false);
            _writer.Transaction = transaction;
            try
            {
                var result = work(_writer);
                transaction.Commit();
                return result;
            }
            finally
            {
                // Disposing an uncommitted transaction rolls it back.
                _writer.Transaction = null;
            }
        }
    }

    public void Write(Action<SqliteSession> work) => Write(session =>
    {
        work(session);
        return true;
    });

    /// <summary>
    /// Runs <paramref name="work"/> on a reader connection, which sees the last commit. Inside a write on this thread it
    /// runs on the writer instead, so a read-then-write sees its own transaction.
    /// </summary>
    public T Read<T>(Func<SqliteSession, T> work)
    {
        if (WriteGate.IsHeldByCurrentThread)
        {
            return work(_writer);
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = _readers.TryTake(out var pooled) ? pooled : new SqliteSession(_connectionString, writer: false);
        try
        {
            return work(reader);
        }
        finally
        {
            _readers.Add(reader);
        }
    }

    /// <summary>Runs a statement and maps every row.</summary>
    public static List<T> Rows<T>(SqliteCommand command, Func<SqliteDataReader, T> map)
    {
        var rows = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>The documents (column 0) of every row, decoded.</summary>
    public List<T> Documents<T>(SqliteCommand command) => Rows(command, r => Decode<T>((byte[])r[0]));

    /// <summary>
    /// A JSON array of <paramref name="values"/> for <c>IN (SELECT value FROM json_each($ids))</c>: one statement text
    /// for any number of ids, so it is compiled once.
    /// </summary>
    public static string JsonArray(IEnumerable<string> values) => System.Text.Json.JsonSerializer.Serialize(values);

    /// <summary>Times in sortable columns: Unix milliseconds, the precision documents keep.</summary>
    public static long Millis(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    /// <summary>SQLite's answer to a write that broke a UNIQUE or PRIMARY KEY constraint.</summary>
    public static bool IsUniqueViolation(SqliteException ex) => ex.SqliteErrorCode == 19 && ex.SqliteExtendedErrorCode is 2067 or 1555;

    /// <summary>Runs synchronous work, reporting failures through the task as an async method would.</summary>
    public static Task<T> Run<T>(Func<T> work, CancellationToken ct) => SynchronousWork.Run(work, ct);

    public static Task Run(Action work, CancellationToken ct) => SynchronousWork.Run(work, ct);

    public void Dispose()
    {
        lock (WriteGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_readers.TryTake(out var reader))
            {
                reader.Dispose();
            }

            _writer.Dispose();
            _ownership.Dispose();
        }
    }
}
