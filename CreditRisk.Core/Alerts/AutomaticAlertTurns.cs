using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Alerts;

/// <summary>
/// One automatic alert delivery at a time per customer in this process, from the cooldown check to the recorded
/// outcome. Two automatic alerts of one customer fall due together when both were held to the end of quiet hours:
/// checked side by side, neither saw the other sent and the customer got two warnings minutes apart. (Across
/// processes the cooldown counts an alert claimed for sending as contact, which narrows the same race.)
/// </summary>
public sealed class AutomaticAlertTurns
{
    private readonly CustomerLockTable _locks = new();

    /// <summary>Waits for <paramref name="customerId"/>'s turn; dispose the result to end it.</summary>
    public Task<IDisposable> EnterAsync(string customerId, CancellationToken ct) => _locks.AcquireAsync([customerId], ct);
}
