using System.Reflection;
using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Risk;

/// <summary>Thrown by <see cref="CrashingStore"/>: the process "died" right after the named store call completed.</summary>
public sealed class SimulatedCrashException(string after) : Exception($"Simulated crash after {after}");

/// <summary>
/// Wraps a store and, once, throws <see cref="SimulatedCrashException"/> right after a chosen repository call has
/// completed (e.g. <c>Alerts.TryAddManyAsync</c>): what the store holds is then exactly what a process killed at that
/// point would have left behind.
/// </summary>
public sealed class CrashingStore(ICreditRiskStore inner, string crashAfter) : DelegatingStore(inner)
{
    private int _crashed;

    public bool Crashed => Volatile.Read(ref _crashed) == 1;

    public override ITransactionRepository Transactions => Wrap(Inner.Transactions, "Transactions");

    public override IBehaviorProfileRepository Profiles => Wrap(Inner.Profiles, "Profiles");

    public override IRiskAssessmentRepository Assessments => Wrap(Inner.Assessments, "Assessments");

    public override IAlertRepository Alerts => Wrap(Inner.Alerts, "Alerts");

    private T Wrap<T>(T repository, string name)
        where T : class
    {
        var proxy = DispatchProxy.Create<T, CrashProxy<T>>();
        var crash = (CrashProxy<T>)(object)proxy;
        crash.Inner = repository;
        crash.ShouldCrash = method => $"{name}.{method}" == crashAfter && Interlocked.CompareExchange(ref _crashed, 1, 0) == 0;
        crash.Name = name;
        return proxy;
    }
}

/// <summary>Forwards every call; for the armed one, awaits it and then throws.</summary>
public class CrashProxy<T> : DispatchProxy
    where T : class
{
    private static readonly MethodInfo ThenCrashOfT = typeof(CrashProxy<T>).GetMethod(nameof(ThenCrashWithResultAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    internal T Inner { get; set; } = null!;

    internal Func<string, bool> ShouldCrash { get; set; } = _ => false;

    internal string Name { get; set; } = "";

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        object? result;
        try
        {
            result = targetMethod!.Invoke(Inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }

        if (!ShouldCrash(targetMethod.Name))
        {
            return result;
        }

        var what = $"{Name}.{targetMethod.Name}";
        return targetMethod.ReturnType == typeof(Task)
            ? ThenCrashAsync((Task)result!, what)
            : ThenCrashOfT.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]).Invoke(null, [result, what]);
    }

    private static async Task ThenCrashAsync(Task call, string what)
    {
        await call;
        throw new SimulatedCrashException(what);
    }

    private static async Task<TResult> ThenCrashWithResultAsync<TResult>(Task<TResult> call, string what)
    {
        await call;
        throw new SimulatedCrashException(what);
    }
}
