using CreditRisk.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CreditRisk.Tests.Risk;

/// <summary>
/// Once started, SIGKILLs the app the moment its store (read beside it: the write-ahead log allows readers in other
/// processes) holds a transaction stored but not yet applied — the crash window recovery exists for. It watches from
/// its own thread, since a full test suite can starve the thread pool for seconds, and opens a connection for each poll:
/// full-suite CI runs whose watch ran on the thread pool, and then on one long-lived connection, found nothing pending
/// at any kill, while the run with a connection a poll passed. Disposing it kills the app if it has not yet.
/// </summary>
internal sealed class PendingWindowKiller(WebAppProcess app, string databasePath) : IDisposable
{
    private readonly ManualResetEventSlim _stop = new();
    private Thread? _thread;
    private Exception? _failure;
    private readonly System.Diagnostics.Stopwatch _sinceStart = new();
    private volatile bool _killed;

    /// <summary>
    /// What the watch saw, for the test's output: how soon it began, polls and the slowest, most transactions stored,
    /// whether one was pending, how long the kill took.
    /// </summary>
    public string Seen { get; private set; } = "not started";

    /// <summary>The app is gone: writers stop taking new batches.</summary>
    public bool Killed => _killed;

    /// <summary>Starts watching; later calls do nothing. Not thread-safe: callers hold their own lock.</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            return;
        }

        _sinceStart.Start();
        _thread = new Thread(Watch) { IsBackground = true, Name = "pending-window-killer" };
        _thread.Start();
    }

    /// <summary>Stops watching, kills the app if no pending transaction was seen, and reports a failed watch.</summary>
    public void Dispose()
    {
        if (_thread is not null)
        {
            _stop.Set();
            _thread.Join();
        }

        _stop.Dispose();
        if (_failure is not null)
        {
            throw new InvalidOperationException("Watching the store for a pending transaction failed.", _failure);
        }
    }

    private void Watch()
    {
        try
        {
            // A connection a poll: each sees the store as it is now, whatever another SQLite user in this process does.
            var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
            var polls = 0;
            long most = 0;
            var pending = false;
            var firstPollAfter = _sinceStart.ElapsedMilliseconds;
            long slowestPoll = 0;
            while (!pending && !_stop.IsSet)
            {
                polls++;
                var polling = System.Diagnostics.Stopwatch.StartNew();
                using (var connection = new SqliteConnection(connectionString))
                {
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "SELECT EXISTS (SELECT 1 FROM transactions WHERE applied_ms IS NULL), (SELECT count(*) FROM transactions)";
                    using var reader = command.ExecuteReader();
                    reader.Read();
                    pending = reader.GetInt64(0) != 0;
                    most = Math.Max(most, reader.GetInt64(1));
                }

                slowestPoll = Math.Max(slowestPoll, polling.ElapsedMilliseconds);

                if (!pending)
                {
                    _stop.Wait(1);
                }
            }

            Seen = $"first poll after {firstPollAfter} ms, {polls} polls (slowest {slowestPoll} ms), at most {most} transactions stored, "
                + (pending ? "one pending" : "none pending");
        }
        catch (Exception ex)
        {
            _failure = ex;
        }
        finally
        {
            var killing = System.Diagnostics.Stopwatch.StartNew();
            app.Kill();
            _killed = true;
            Seen += $", killed in {killing.ElapsedMilliseconds} ms";
        }
    }
}
