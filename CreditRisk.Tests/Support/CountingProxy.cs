using System.Collections.Concurrent;
using System.Reflection;

namespace CreditRisk.Tests.Support;

/// <summary>Store calls seen by <see cref="CountingProxy{T}"/>s, by "Repository.Method".</summary>
public sealed class StoreCallCounter
{
    private readonly ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    public int Count => _calls.Count;

    public void Add(string call) => _calls.Enqueue(call);

    public void Reset() => _calls.Clear();
}

/// <summary>
/// Wraps any repository interface, counting every call before forwarding it to the real one — so a test can show how
/// many store calls a service makes without a hand-written fake per interface.
/// </summary>
public class CountingProxy<T> : DispatchProxy
    where T : class
{
    private T _inner = null!;
    private StoreCallCounter _counter = null!;

    public static T Wrap(T inner, StoreCallCounter counter)
    {
        var proxy = Create<T, CountingProxy<T>>();
        var self = (CountingProxy<T>)(object)proxy;
        self._inner = inner;
        self._counter = counter;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _counter.Add($"{typeof(T).Name}.{targetMethod.Name}");
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
