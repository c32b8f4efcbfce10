using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Snapshots;

namespace CreditRisk.Cli.Bench;

/// <summary>
/// <c>bench --profile</c>: wraps the store and adds up the time spent in each call of the repositories the pipeline
/// uses, in wall-clock time and in the calling thread's CPU time (<see cref="ThreadCpuClock"/>). The embedded store runs
/// its work inline, so timing the call is timing the work; the CPU figure holds on a loaded machine too.
/// </summary>
internal sealed class TimedStore(ICreditRiskStore inner, ConcurrentDictionary<string, (long Calls, long Ticks, long CpuNs)> timings) : ICreditRiskStore, ICustomerSnapshotStore
{
    private readonly ICustomerRepository _customers = Timing<ICustomerRepository>.Wrap(inner.Customers, "Customers", timings);
    private readonly ITransactionRepository _transactions = Timing<ITransactionRepository>.Wrap(inner.Transactions, "Transactions", timings);
    private readonly IBehaviorProfileRepository _profiles = Timing<IBehaviorProfileRepository>.Wrap(inner.Profiles, "Profiles", timings);
    private readonly IRiskAssessmentRepository _assessments = Timing<IRiskAssessmentRepository>.Wrap(inner.Assessments, "Assessments", timings);
    private readonly IAlertRepository _alerts = Timing<IAlertRepository>.Wrap(inner.Alerts, "Alerts", timings);

    public string Description => inner.Description;

    public ICustomerRepository Customers => _customers;

    /// <summary>Not timed: the bench ingests raw transactions, not snapshots.</summary>
    public ICustomerSnapshotRepository Snapshots => ((ICustomerSnapshotStore)inner).Snapshots;

    public ITransactionRepository Transactions => _transactions;

    public IStatementRepository Statements => inner.Statements;

    public IBehaviorProfileRepository Profiles => _profiles;

    public IRiskAssessmentRepository Assessments => _assessments;

    public IAlertRepository Alerts => _alerts;

    public IModelRegistry Models => inner.Models;

    public IUserRepository Users => inner.Users;

    public IRoleRepository Roles => inner.Roles;

    public IApiKeyRepository ApiKeys => inner.ApiKeys;

    public IAuditLog Audit => inner.Audit;

    public ISettingsRepository Settings => inner.Settings;

    public IDevelopmentOutbox DevelopmentOutbox => inner.DevelopmentOutbox;

    public IInboundMessageRepository InboundMessages => inner.InboundMessages;

    public Task InitializeAsync(CancellationToken ct = default) => inner.InitializeAsync(ct);

    public Task PingAsync(CancellationToken ct = default) => inner.PingAsync(ct);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public static string Report(ConcurrentDictionary<string, (long Calls, long Ticks, long CpuNs)> timings) => string.Join(
        Environment.NewLine,
        timings.OrderByDescending(t => t.Value.CpuNs).Select(t =>
            $"  {t.Key,-40} {t.Value.Calls,9:N0} calls {t.Value.Ticks * 1_000.0 / Stopwatch.Frequency,12:N1} ms {t.Value.CpuNs / 1e6,12:N1} CPU-ms"));

    /// <summary>DispatchProxy needs a public non-sealed class with a parameterless constructor.</summary>
    public class Timing<T> : DispatchProxy
        where T : class
    {
        private T _inner = null!;
        private string _name = null!;
        private ConcurrentDictionary<string, (long Calls, long Ticks, long CpuNs)> _timings = null!;

        public static T Wrap(T inner, string name, ConcurrentDictionary<string, (long Calls, long Ticks, long CpuNs)> timings)
        {
            var proxy = Create<T, Timing<T>>();
            var timing = (Timing<T>)(object)proxy;
            timing._inner = inner;
            timing._name = name;
            timing._timings = timings;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var start = Stopwatch.GetTimestamp();
            var cpuStart = ThreadCpuClock.NowNanoseconds();
            try
            {
                return targetMethod!.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
            finally
            {
                var cpu = ThreadCpuClock.NowNanoseconds() - cpuStart;
                var elapsed = Stopwatch.GetTimestamp() - start;
                _timings.AddOrUpdate($"{_name}.{targetMethod!.Name}", (1, elapsed, cpu), (_, t) => (t.Calls + 1, t.Ticks + elapsed, t.CpuNs + cpu));
            }
        }
    }
}
