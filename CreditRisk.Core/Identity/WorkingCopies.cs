using System.Runtime.CompilerServices;

namespace CreditRisk.Core.Identity;

/// <summary>
/// Identity's managers change a user by calling store setters on the instance they hold, then ask the store to save it.
/// Our users and roles are immutable records, so each store keeps the latest version of every instance it was handed,
/// keyed by reference, and reads and saves that version instead.
/// </summary>
internal sealed class WorkingCopies<T>
    where T : class
{
    private readonly ConditionalWeakTable<T, Box> _copies = [];

    /// <summary>The latest version of <paramref name="original"/> (itself when nothing was changed).</summary>
    public T Current(T original) => _copies.TryGetValue(original, out var box) ? box.Value : original;

    public void Set(T original, T latest) => _copies.AddOrUpdate(original, new Box(latest));

    public void Change(T original, Func<T, T> change) => Set(original, change(Current(original)));

    private sealed record Box(T Value);
}
