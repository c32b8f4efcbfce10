using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CreditRisk.Cli.Bench;

/// <summary>
/// The web app started as a child process on a free loopback port over the bench's store file, with demo seeding and
/// the background job server off; disposing kills it (and only it, by its process id).
/// </summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private long _peakWorkingSet;

    private WebAppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Highest working set seen by <see cref="SamplePeak"/>; Linux keeps no peak for a child we did not wait on.</summary>
    public double PeakWorkingSetMib => _peakWorkingSet / 1024.0 / 1024.0;

    public static async Task<WebAppProcess> StartAsync(string webDll, string storePath, TimeSpan timeout, CancellationToken ct)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { webDll, "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Storage__SqlitePath"] = storePath;
        start.Environment["ConnectionStrings__Mongo"] = string.Empty;
        start.Environment["Demo__SeedOnFirstRun"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "1";

        // The figure is ingest alone: the job server would meanwhile deliver the thousands of alerts the re-score
        // figure left pending (measured: that took most of the app's processor time during the HTTP figure).
        start.Environment["Jobs__ServerEnabled"] = "false";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {webDll}.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new WebAppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await app.WaitHealthyAsync(timeout, ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            lock (output)
            {
                throw new InvalidOperationException($"The web app did not become healthy within {timeout.TotalSeconds:0} s. Its output:\n{output}");
            }
        }
    }

    /// <summary>Candidates for the web app next to the CLI (Docker image layout) or in the repository's build output.</summary>
    public static string? Find(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }

        const string dll = "CreditRisk.Web.dll";
        var baseDir = AppContext.BaseDirectory;
        var candidates = new List<string> { Path.Combine(baseDir, dll), Path.Combine(baseDir, "..", dll) };
        var configuration = baseDir.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var dir = new DirectoryInfo(baseDir); dir is not null; dir = dir.Parent)
        {
            var web = Path.Combine(dir.FullName, "CreditRisk.Web", "bin");
            if (Directory.Exists(web))
            {
                candidates.Add(Path.Combine(web, configuration, "net10.0", dll));
                candidates.Add(Path.Combine(web, configuration == "Release" ? "Debug" : "Release", "net10.0", dll));
                break;
            }
        }

        return candidates.Select(Path.GetFullPath)
            .FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")));
    }

    /// <summary>Processor time the web app has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public void SamplePeak()
    {
        try
        {
            _process.Refresh();
            _peakWorkingSet = Math.Max(_peakWorkingSet, _process.WorkingSet64);
        }
        catch (InvalidOperationException)
        {
            // Exited: nothing more to sample.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The web app exited with code {_process.ExitCode}.");
            }

            try
            {
                using var response = await client.GetAsync("health", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Slow start; ask again.
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException();
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 20_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
