using CreditRisk.Core.Audit;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Web.Identity;

/// <summary>Audit entries for sign-ins, failed codes, lockouts and user changes (actions start with <c>auth.</c> or <c>users.</c>).</summary>
public sealed class IdentityAudit(IAuditLog audit, TimeProvider time)
{
    public const string SignInSucceeded = "auth.signin.succeeded";
    public const string SignInFailed = "auth.signin.failed";
    public const string SignInThrottled = "auth.signin.throttled";
    public const string LockedOut = "auth.lockout";
    public const string SignedOut = "auth.signout";
    public const string PasswordChanged = "auth.password.changed";
    public const string PasswordChangeFailed = "auth.password.change-failed";
    public const string CodeSent = "auth.otp.sent";
    public const string CodeFailed = "auth.otp.failed";
    public const string CustomerRegistered = "auth.customer.registered";
    public const string CustomerNumberMoved = "auth.customer.number-moved";
    public const string UserCreated = "users.created";
    public const string UserDisabled = "users.disabled";
    public const string UserEnabled = "users.enabled";
    public const string RoleChanged = "users.role.changed";
    public const string PasswordReset = "users.password.reset";

    public Task RecordAsync(string actor, string action, string? target = null, string? oldValue = null, string? newValue = null, string? details = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        return audit.AddAsync(
            new AuditEntry
            {
                Id = AuditIds.Next(now),
                At = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
                Actor = actor,
                Action = action,
                Target = target,
                OldValue = oldValue,
                NewValue = newValue,
                Details = details,
            },
            ct);
    }
}
