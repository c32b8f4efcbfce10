using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CreditRisk.Tests.Support;

/// <summary>
/// The real web app (<c>dotnet CreditRisk.Web.dll</c> from the build output) as a child process on a free loopback
/// port, for tests that must kill it (SIGKILL) the way an operating system or orchestrator would.
/// </summary>
public sealed class WebAppProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WebAppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The last lines the app wrote (stdout and stderr), for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>Starts the app with <paramref name="environment"/> added to its environment and waits until /health answers.</summary>
    public static async Task<WebAppProcess> StartAsync(IReadOnlyDictionary<string, string> environment, TimeSpan startTimeout)
    {
        var dll = FindWebDll();
        var port = FreePort();
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web app.");
        var app = new WebAppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync(startTimeout);
        }
        catch
        {
            app.Dispose();
            throw;
        }

        return app;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a crash. Waits until the process is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            // The app alone (it starts no children): one SIGKILL now, without first walking every process for a tree.
            _process.Kill();
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                // HasExited can turn true before the asynchronous readers have delivered the last lines; the
                // parameterless wait returns once both streams reached their end, so the message holds what it said.
                _process.WaitForExit();
                throw new InvalidOperationException($"The web app exited with code {_process.ExitCode}:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The web app did not become healthy within {timeout}:{Environment.NewLine}{RecentOutput}");
    }

    /// <summary>The web project's own build output (same configuration as the tests), else a copy beside the tests.</summary>
    private static string FindWebDll()
    {
        var testBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var framework = Path.GetFileName(testBin);
        var configuration = Path.GetFileName(Path.GetDirectoryName(testBin)!);
        for (var dir = new DirectoryInfo(testBin); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "CreditRisk.Web", "bin", configuration, framework, "CreditRisk.Web.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var beside = Path.Combine(testBin, "CreditRisk.Web.dll");
        return File.Exists(beside) && File.Exists(Path.Combine(testBin, "CreditRisk.Web.runtimeconfig.json"))
            ? beside
            : throw new FileNotFoundException("CreditRisk.Web.dll was not found in the web project's build output; build the solution first.");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
