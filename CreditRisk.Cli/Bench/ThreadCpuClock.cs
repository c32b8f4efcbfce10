using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CreditRisk.Cli.Bench;

/// <summary>
/// CPU time used by the calling thread, in nanoseconds (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>). The embedded store runs
/// each call inline on the caller's thread, so the difference around a call is that call's CPU cost, whatever else
/// the machine is doing — wall-clock timings on a shared machine are mostly time spent waiting for a core.
/// Elsewhere it falls back to the wall clock (<see cref="IsThreadCpu"/> false).
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3;

    public static bool IsThreadCpu { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    public static long NowNanoseconds() => IsThreadCpu && TryRead(out var ns)
        ? ns
        : (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    private static bool TryRead(out long nanoseconds)
    {
        try
        {
            if (clock_gettime(ClockThreadCpuTime, out var spec) == 0)
            {
                nanoseconds = (spec.Seconds * 1_000_000_000L) + spec.Nanoseconds;
                return true;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not a libc platform: the wall clock will do.
        }

        nanoseconds = 0;
        return false;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clockId, out TimeSpec spec);
}
