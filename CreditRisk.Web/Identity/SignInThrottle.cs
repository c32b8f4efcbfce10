using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Identity;

/// <summary>
/// Counts failed staff sign-ins in fixed windows per client address, per account and address, and per account
/// (<see cref="StaffSignInOptions"/>). An attempt reserves one failure on each of its three counters before the
/// password is checked, so concurrent attempts cannot slip past a limit together; a successful sign-in gives its
/// reservation back. An attempt refused here never reaches the account, so it neither checks the password nor tells
/// whether the account exists.
/// </summary>
public sealed class SignInThrottle(IOptions<StaffSignInOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    /// <summary>How long a refused client should wait (the window length).</summary>
    public TimeSpan RetryAfter => TimeSpan.FromMinutes(options.Value.WindowMinutes);

    /// <summary>
    /// Reserves one failure for an attempt on <paramref name="account"/> from <paramref name="client"/>, or returns
    /// null when one of the limits is used up.
    /// </summary>
    public Reservation? TryReserve(IPAddress? client, string account)
    {
        var o = options.Value;
        var address = ClientKey(client);
        // As Identity's lookup normalises a name (Unicode normal form C, then upper case), so every spelling that finds
        // one account shares its counters: "K" and the Kelvin sign "\u212A" are one account to Identity.
        var name = account.Trim().Normalize().ToUpperInvariant();
        (string Key, int Limit)[] counters =
        [
            ("ip\n" + address, o.FailuresPerClientIp),
            ("account-ip\n" + name + "\n" + address, o.FailuresPerAccountAndClientIp),
            ("account\n" + name, o.FailuresPerAccount),
        ];

        lock (_gate)
        {
            var now = time.GetUtcNow();
            SweepExpired(now);
            var windows = counters.Select(c => CurrentWindow(c.Key, now)).ToArray();
            for (var i = 0; i < counters.Length; i++)
            {
                if (windows[i].Failures >= counters[i].Limit)
                {
                    return null;
                }
            }

            foreach (var window in windows)
            {
                window.Failures++;
            }

            return new Reservation(this, windows);
        }
    }

    /// <summary>
    /// The counter key of a client address: IPv4 as is, IPv6 by its /64 network (one subscriber usually holds a whole
    /// /64, so counting single IPv6 addresses would give an attacker billions of fresh counters).
    /// </summary>
    public static string ClientKey(IPAddress? client)
    {
        if (client is null)
        {
            return "unknown";
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client.ToString();
        }

        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private Window CurrentWindow(string key, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(key, out var window) || now >= window.Ends)
        {
            window = new Window(now + RetryAfter);
            _windows[key] = window;
        }

        return window;
    }

    /// <summary>Drops ended windows once per window length, so counters of past attempts do not pile up.</summary>
    private void SweepExpired(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        foreach (var key in _windows.Where(w => now >= w.Value.Ends).Select(w => w.Key).ToList())
        {
            _windows.Remove(key);
        }

        _nextSweep = now + RetryAfter;
    }

    private void GiveBack(Window[] windows)
    {
        lock (_gate)
        {
            foreach (var window in windows)
            {
                // A window that ended meanwhile was replaced; its successor never counted this attempt.
                window.Failures = Math.Max(0, window.Failures - 1);
            }
        }
    }

    internal sealed class Window(DateTimeOffset ends)
    {
        public DateTimeOffset Ends { get; } = ends;

        public int Failures { get; set; }
    }

    /// <summary>One attempt's reserved failure; <see cref="Succeeded"/> gives it back.</summary>
    public sealed class Reservation
    {
        private readonly SignInThrottle _owner;
        private readonly Window[] _windows;
        private int _released;

        internal Reservation(SignInThrottle owner, Window[] windows)
        {
            _owner = owner;
            _windows = windows;
        }

        /// <summary>The attempt signed in: it was no failure.</summary>
        public void Succeeded()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _owner.GiveBack(_windows);
            }
        }
    }
}
