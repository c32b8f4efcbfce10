using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CreditRisk.Core.Identity;
using CreditRisk.Core.Messaging;
using CreditRisk.Core.Persistence;
using CreditRisk.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Identity;

public enum OtpSendOutcome
{
    /// <summary>Said to every valid number alike, whether or not a code went out.</summary>
    Accepted,
    InvalidNumber,
    RateLimited,
}

public enum OtpVerifyOutcome
{
    SignedIn,
    Invalid,
    LockedOut,

    /// <summary>Not six digits: a typing slip, refused before any account is looked at, so it costs no try.</summary>
    NotSixDigits,
}

/// <summary>
/// Passwordless sign-in for card customers: a 6-digit code over WhatsApp, then verify. Answers never reveal whether a
/// number belongs to a customer. The account (user name = the E.164 number, linked to the <c>Customer</c> with that
/// phone) is made when the first code is sent and counts as registered once a code is verified.
/// </summary>
public sealed partial class CustomerOtpService(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IUserStore<AppUser> userStore,
    ICreditRiskStore store,
    IWhatsAppSender whatsApp,
    OtpRateLimits limits,
    IdentityAudit audit,
    IMemoryCache unknownNumbers,
    TimeProvider time,
    IOptions<CustomerOtpOptions> options,
    IOptions<IdentityOptions> identityOptions,
    ILogger<CustomerOtpService> logger)
{
    /// <summary>Digits in a sign-in code.</summary>
    public const int CodeLength = 6;

    private int MaxAttempts => identityOptions.Value.Lockout.MaxFailedAccessAttempts;

    public async Task<OtpSendOutcome> SendCodeAsync(string? phoneInput, CancellationToken ct = default)
    {
        if (PhoneNumbers.ToE164(phoneInput) is not { } phone)
        {
            return OtpSendOutcome.InvalidNumber;
        }

        // Before the lookup, so unknown numbers are limited exactly like known ones.
        if (!limits.TryAcquireForPhone(phone))
        {
            return OtpSendOutcome.RateLimited;
        }

        if (await store.Customers.FindByPhoneAsync(phone, ct) is not { } customer)
        {
            return OtpSendOutcome.Accepted;
        }

        var user = await FindOrCreateCustomerUserAsync(phone, customer.Id);
        if (user is null || user.IsDisabled || await users.IsLockedOutAsync(user))
        {
            return OtpSendOutcome.Accepted;
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D" + CodeLength, System.Globalization.CultureInfo.InvariantCulture);
        var now = time.GetUtcNow();
        var key = OtpChallenge.KeyFor(user.Id);
        var challenge = OtpChallenge.Create(code, now.AddMinutes(options.Value.CodeLifetimeMinutes));
        var saved = false;
        for (var attempt = 0; attempt < 3 && !saved; attempt++)
        {
            var version = (await store.Settings.GetAsync(key, ct))?.Version ?? 0;
            saved = await store.Settings.TrySaveAsync(key, challenge.ToJson(), version, now, ct);
        }

        if (!saved)
        {
            return OtpSendOutcome.Accepted;
        }

        var sent = await whatsApp.SendTemplateAsync(
            new TemplateMessage(phone, WhatsAppTemplates.OtpKey, new Dictionary<string, string> { ["code"] = code }), ct);
        if (!sent.IsSent)
        {
            LogSendFailed(user.Id, sent.ErrorCode, sent.Error);
        }

        await audit.RecordAsync(phone, IdentityAudit.CodeSent, target: user.Id, details: sent.IsSent ? null : sent.Error, ct: ct);
        return OtpSendOutcome.Accepted;
    }

    /// <summary>Checks the code and, when it is right, signs the customer in (cookie) and sends the welcome on the first sign-in.</summary>
    public async Task<OtpVerifyOutcome> VerifyAndSignInAsync(string? phoneInput, string? codeInput, CancellationToken ct = default)
    {
        // Spaces are dropped ("123 456" as WhatsApp may show it); anything else but six digits cannot be a code.
        var code = string.Concat((codeInput ?? "").Where(c => !char.IsWhiteSpace(c)));
        if (code.Length != CodeLength || !code.All(char.IsAsciiDigit))
        {
            return OtpVerifyOutcome.NotSixDigits;
        }

        var phone = PhoneNumbers.ToE164(phoneInput);
        var user = phone is null ? null : await users.FindByNameAsync(phone);
        if (user is null || user.CustomerId is null || user.IsDisabled)
        {
            return CountUnknownNumberTry(phone ?? phoneInput ?? "");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return OtpVerifyOutcome.LockedOut;
        }

        var key = OtpChallenge.KeyFor(user.Id);
        var stored = await store.Settings.GetAsync(key, ct);
        var challenge = OtpChallenge.From(stored);
        var now = time.GetUtcNow();
        if (stored is null || challenge is null || challenge.Used || challenge.ExpiresAt <= now || challenge.Attempts >= MaxAttempts)
        {
            return await FailAsync(user, phone!, "no valid code", ct);
        }

        // Count the try before judging it: of concurrent tries on one version only one is judged, the rest fail.
        var counted = challenge with { Attempts = challenge.Attempts + 1 };
        if (!await store.Settings.TrySaveAsync(key, counted.ToJson(), stored.Version, now, ct))
        {
            return await FailAsync(user, phone!, "concurrent try", ct);
        }

        if (code.Length != 6 || !challenge.Matches(code))
        {
            return await FailAsync(user, phone!, "wrong code", ct);
        }

        if (!await store.Settings.TrySaveAsync(key, (counted with { Used = true }).ToJson(), stored.Version + 1, now, ct))
        {
            return await FailAsync(user, phone!, "code already used", ct);
        }

        user = await users.FindByIdAsync(user.Id) ?? user;
        await users.ResetAccessFailedCountAsync(user);
        if (!user.PhoneNumberConfirmed)
        {
            // Identity confirms a phone only through a change-phone token; the verified code is our proof, so set it directly.
            await ((IUserPhoneNumberStore<AppUser>)userStore).SetPhoneNumberConfirmedAsync(user, true, ct);
            await users.UpdateAsync(user);
            await audit.RecordAsync(phone!, IdentityAudit.CustomerRegistered, target: user.Id, newValue: user.CustomerId, ct: ct);
        }

        await signIn.SignInAsync(user, isPersistent: false);
        await audit.RecordAsync(phone!, IdentityAudit.SignInSucceeded, target: user.Id, details: "phone code", ct: ct);
        await SendWelcomeOnceAsync(user, phone!, ct);
        return OtpVerifyOutcome.SignedIn;
    }

    private async Task SendWelcomeOnceAsync(AppUser user, string phone, CancellationToken ct)
    {
        // The welcome is a WhatsApp message like any alert: it needs the customer's recorded opt-in. Unclaimed without
        // it, so it goes with the first sign-in after they opt in. (The sign-in code itself is the customer's own ask.)
        var customer = await store.Customers.GetAsync(user.CustomerId!, ct);
        if (customer is not { WhatsAppOptIn: true })
        {
            return;
        }

        // The claim is the atomic "first sign-in" test: of concurrent sign-ins exactly one wins and sends.
        if (!await store.Users.TryClaimWelcomeAsync(user.Id, TruncateToMilliseconds(time.GetUtcNow()), ct))
        {
            return;
        }

        var name = customer.FullName;
        var values = new Dictionary<string, string>
        {
            ["name"] = name,
            ["first_name"] = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name,
            ["customer_id"] = user.CustomerId!,
        };
        var sent = await whatsApp.SendTemplateAsync(new TemplateMessage(phone, WhatsAppTemplates.WelcomeKey, values), ct);
        if (!sent.IsSent)
        {
            LogWelcomeFailed(user.Id, sent.ErrorCode, sent.Error);
        }
    }

    private async Task<OtpVerifyOutcome> FailAsync(AppUser user, string phone, string reason, CancellationToken ct)
    {
        await audit.RecordAsync(phone, IdentityAudit.CodeFailed, target: user.Id, details: reason, ct: ct);

        // Concurrent failures race on the concurrency stamp; retry so that every wrong try is counted.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var fresh = await users.FindByIdAsync(user.Id);
            if (fresh is null)
            {
                break;
            }

            if ((await users.AccessFailedAsync(fresh)).Succeeded)
            {
                if (await users.IsLockedOutAsync(fresh))
                {
                    await audit.RecordAsync(phone, IdentityAudit.LockedOut, target: user.Id, details: "phone code", ct: ct);
                    return OtpVerifyOutcome.LockedOut;
                }

                return OtpVerifyOutcome.Invalid;
            }
        }

        return OtpVerifyOutcome.Invalid;
    }

    // Unknown numbers lock out after as many tries as known ones, so the answers do not tell them apart.
    private OtpVerifyOutcome CountUnknownNumberTry(string phone)
    {
        var key = "otp-unknown:" + phone;
        var tries = unknownNumbers.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = identityOptions.Value.Lockout.DefaultLockoutTimeSpan;
            return new StrongBox<int>();
        })!;
        return Interlocked.Increment(ref tries.Value) >= MaxAttempts ? OtpVerifyOutcome.LockedOut : OtpVerifyOutcome.Invalid;
    }

    /// <summary>
    /// The bank's customer file moved <paramref name="phone"/> to another customer (ingestion lets a number move only once
    /// its old owner has another): the sign-in named by the number now belongs to its new owner, who could otherwise
    /// never sign in. The old owner's account is closed, which ends their sessions on it (they sign in with their new
    /// number), and the new owner gets an account of their own: relinking the old one kept its welcome claim, its
    /// confirmation and its failure counts, so the new owner was never welcomed.
    /// </summary>
    private async Task<AppUser?> MoveToNewOwnerAsync(AppUser account, string phone, string customerId)
    {
        await store.Users.DeleteAsync(account.Id);
        var created = await CreateCustomerUserAsync(phone, customerId);
        await audit.RecordAsync(
            phone, IdentityAudit.CustomerNumberMoved, target: created?.Id, oldValue: account.CustomerId, newValue: customerId,
            details: $"account {account.Id} of the old owner closed");
        return created;
    }

    private async Task<AppUser?> FindOrCreateCustomerUserAsync(string phone, string customerId)
    {
        if (await users.FindByNameAsync(phone) is { } existing)
        {
            return existing.CustomerId == customerId ? existing
                : existing.CustomerId is not null ? await MoveToNewOwnerAsync(existing, phone, customerId)
                : null;
        }

        return await CreateCustomerUserAsync(phone, customerId);
    }

    private async Task<AppUser?> CreateCustomerUserAsync(string phone, string customerId)
    {
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()).ToString("N"),
            UserName = phone,
            NormalizedUserName = "",
            PhoneNumber = phone,
            CustomerId = customerId,
            LockoutEnabled = true,
        };
        if ((await users.CreateAsync(user)).Succeeded && (await users.AddToRoleAsync(user, AppRoles.Customer)).Succeeded)
        {
            return await users.FindByIdAsync(user.Id);
        }

        // Lost a race with a concurrent first send.
        return await users.FindByNameAsync(phone);
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in code for user {UserId} not sent: {ErrorCode} {Error}")]
    private partial void LogSendFailed(string userId, int? errorCode, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Welcome message for user {UserId} not sent: {ErrorCode} {Error}")]
    private partial void LogWelcomeFailed(string userId, int? errorCode, string? error);
}
