using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CreditRisk.Core.Persistence.Mongo;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CreditRisk.Tests.Persistence;

/// <summary>
/// A MongoDB server for the Mongo store tests, shared by the <see cref="MongoTestServerCollection"/>.
/// Uses <c>CREDITRISK_TEST_MONGO</c> (a connection string to a real server) when set; otherwise starts the
/// in-memory, wire-compatible jongodb server pinned in <c>tools/test-mongo</c> on a free loopback port.
/// With neither available every test in the collection fails, saying how to install it.
/// </summary>
public sealed class MongoTestServer : IAsyncLifetime
{
    public const string ConnectionStringVariable = "CREDITRISK_TEST_MONGO";
    public const string BinaryVariable = "CREDITRISK_JONGODB_BIN";
    public const string InstallCommand = "npm ci --prefix tools/test-mongo";

    private static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StoreConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly List<string> _databases = [];
    private Process? _process;

    /// <summary>Connection string of the running server.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>
    /// True when the tests run against a real MongoDB (<c>CREDITRISK_TEST_MONGO</c>); false for jongodb, which lacks
    /// transactions, <c>create</c>, <c>drop</c>, <c>dropDatabase</c>, <c>$avg</c>, <c>$bucket</c> and change streams.
    /// </summary>
    public bool IsRealServer { get; private set; }

    /// <summary>"MongoDB" or "jongodb (path)", for messages.</summary>
    public string ServerDescription { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            IsRealServer = true;
            ServerDescription = $"MongoDB from {ConnectionStringVariable}";
            await WaitForPingAsync(ConnectionString, process: null);
            return;
        }

        var binary = FindJongodb();
        ServerDescription = $"jongodb ({binary})";
        await StartJongodbAsync(binary);
    }

    /// <summary>A fresh, empty, initialised store in a database no other test uses.</summary>
    public async Task<MongoCreditRiskStore> CreateStoreAsync()
    {
        var store = new MongoCreditRiskStore(ConnectionString, NewDatabaseName(), StoreConnectTimeout);
        await store.InitializeAsync();
        return store;
    }

    /// <summary>
    /// A database name not used before. jongodb cannot drop databases, so isolation comes from unique names;
    /// on a real server the fixture drops them at the end.
    /// </summary>
    public string NewDatabaseName()
    {
        var name = "crtest_" + Guid.NewGuid().ToString("N")[..16];
        lock (_databases)
        {
            _databases.Add(name);
        }

        return name;
    }

    public async Task DisposeAsync()
    {
        if (IsRealServer)
        {
            await DropTestDatabasesAsync();
        }

        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }
    }

    private async Task DropTestDatabasesAsync()
    {
        using var client = new MongoClient(ConnectionString);
        foreach (var name in _databases)
        {
            try
            {
                await client.DropDatabaseAsync(name);
            }
            catch (MongoException)
            {
                // Best effort: leftovers are harmless, their names are unique.
            }
        }
    }

    private static string FindJongodb()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(BinaryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new InvalidOperationException(
                    $"{BinaryVariable} is set to '{fromEnvironment}', which does not exist. Unset it to use the copy in "
                    + $"tools/test-mongo (install it with `{InstallCommand}` from the repository root), or set "
                    + $"{ConnectionStringVariable} to a MongoDB connection string.");
        }

        var root = FindRepositoryRoot();
        var path = Path.Combine(
            root ?? "<repository>", "tools", "test-mongo", "node_modules", "@jongodb", "memory-server-bin-linux-x64-gnu", "bin", "jongodb");
        if (root is null || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"No MongoDB test server: {ConnectionStringVariable} is not set and the in-memory test server is not installed at "
                + $"{path}. Install it with `{InstallCommand}` (run from the repository root; needs Node.js and the npm registry), "
                + $"or point {BinaryVariable} at a jongodb binary, or set {ConnectionStringVariable} to a MongoDB connection "
                + "string (e.g. mongodb://127.0.0.1:27017 for a local mongo:7 container).");
        }

        return path;
    }

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CreditRisk.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private async Task StartJongodbAsync(string binary)
    {
        // A port taken between probing and binding makes the server exit; try a few ports before giving up.
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreeLoopbackPort();
            var process = new Process
            {
                StartInfo = new ProcessStartInfo(binary)
                {
                    ArgumentList = { "--host=127.0.0.1", $"--port={port}" },
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                },
            };
            var output = new System.Text.StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            ConnectionString = $"mongodb://127.0.0.1:{port}/";
            try
            {
                await WaitForPingAsync(ConnectionString, process);
                return;
            }
            catch (InvalidOperationException ex)
            {
                string log;
                lock (output)
                {
                    log = output.ToString();
                }

                last = new InvalidOperationException($"{ex.Message} Server output:\n{log}", ex);
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }

                process.Dispose();
                _process = null;
            }
        }

        throw last!;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForPingAsync(string connectionString, Process? process)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(2);
        settings.ConnectTimeout = TimeSpan.FromSeconds(2);
        using var client = new MongoClient(settings);
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < StartupWait)
        {
            if (process is { HasExited: true })
            {
                // Let the asynchronous readers deliver the server's last lines before the caller quotes its output.
                process.WaitForExit();
                throw new InvalidOperationException($"{ServerDescription} exited with code {process.ExitCode} before answering.");
            }

            try
            {
                await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
                return;
            }
            catch (Exception ex) when (ex is TimeoutException or MongoException)
            {
                last = ex;
                await Task.Delay(200);
            }
        }

        throw new InvalidOperationException(
            $"{ServerDescription} did not answer ping within {StartupWait.TotalSeconds:0} s: {last?.Message}");
    }
}

[CollectionDefinition(Name)]
public sealed class MongoTestServerCollection : ICollectionFixture<MongoTestServer>
{
    public const string Name = "MongoDB test server";
}
