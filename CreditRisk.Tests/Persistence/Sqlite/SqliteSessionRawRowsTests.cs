using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Tests.Support;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CreditRisk.Tests.Persistence.Sqlite;

/// <summary>The raw row reader the hot profile reads go through: rows, reuse, errors, and the read it must end.</summary>
public sealed class SqliteSessionRawRowsTests : IDisposable
{
    private readonly string _path = TestDirectories.New() + ".sqlite";
    private readonly SqliteSession _writer;
    private readonly SqliteSession _reader;

    public SqliteSessionRawRowsTests()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var connection = new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString();
        _writer = new SqliteSession(connection, writer: true);
        _writer.Execute("CREATE TABLE t (id TEXT PRIMARY KEY, data BLOB NOT NULL)");
        _writer.Execute("INSERT INTO t VALUES ('a', x'0102'), ('b', x'030405')");
        _reader = new SqliteSession(connection, writer: false);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _writer.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void RawRows_RunTwice_MapsEveryMatchingRowWithItsBlob()
    {
        const string Sql = "SELECT id, data FROM t WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id";

        var first = _reader.RawRows(Sql, """["a","b","c"]""", Row);
        var second = _reader.RawRows(Sql, """["b"]""", Row);

        Assert.Equal(["a:0102", "b:030405"], first);
        Assert.Equal(["b:030405"], second);
    }

    [Fact]
    public void RawRows_MapperFailsMidway_EndsTheReadSoACheckpointCanFinish()
    {
        Assert.Throws<InvalidDataException>(() => _reader.RawRows<string>(
            "SELECT id, data FROM t WHERE id IN (SELECT value FROM json_each(?1))", """["a","b"]""", _ => throw new InvalidDataException()));
        _writer.Execute("INSERT INTO t VALUES ('c', x'06')");

        // A statement left mid-way keeps its read open and pins the log: the truncating checkpoint would report itself
        // busy (first column 1).
        Assert.Equal(0L, _writer.Scalar("PRAGMA wal_checkpoint(TRUNCATE)"));
        Assert.Equal(["c:06"], _reader.RawRows("SELECT id, data FROM t WHERE id = ?1", "c", Row));
    }

    [Fact]
    public void RawRows_InvalidSql_ThrowsSqliteExceptionWithSqlitesMessage()
    {
        var error = Assert.Throws<SqliteException>(() => _reader.RawRows("SELECT nope FROM t WHERE id = ?1", "a", Row));

        Assert.Contains("no such column: nope", error.Message);
    }

    private static string Row(sqlite3_stmt row) =>
        raw.sqlite3_column_text(row, 0).utf8_to_string() + ":" + Convert.ToHexString(raw.sqlite3_column_blob(row, 1)).ToLowerInvariant();
}
