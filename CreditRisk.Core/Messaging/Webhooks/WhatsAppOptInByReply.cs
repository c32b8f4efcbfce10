using CreditRisk.Core.Audit;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Messaging.Webhooks;

/// <summary>
/// A customer's "START" on WhatsApp gives their consent to WhatsApp messages again. It is the only way back after a
/// "STOP" (<see cref="WhatsAppOptOut"/>), and as an explicit request from the number itself it also opts in a customer
/// the bank's file never recorded consent for. The bank's file can still withdraw it: a withdrawal always wins.
/// </summary>
public static class WhatsAppOptInByReply
{
    /// <summary>Audit action of an opt-in by reply.</summary>
    public const string OptedInAction = "customers.whatsapp.opted-in";

    /// <summary>The replies that mean "message me again", compared as the whole message, case and end punctuation aside.</summary>
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "START", "UNSTOP", "SUBSCRIBE", "OPT IN", "OPT-IN", "OPTIN",
    };

    /// <summary>Whether <paramref name="text"/> is an opt-in request: one of <see cref="Keywords"/> and nothing else.</summary>
    public static bool IsRequest(string? text) =>
        text is not null && Keywords.Contains(text.Trim().TrimEnd('.', '!', ' '));

    /// <summary>Opts <paramref name="customer"/> in (when they were not) and audits it; false when they already were.</summary>
    public static async Task<bool> ApplyAsync(
        ICustomerRepository customers, IAuditLog audit, Customer customer, string reply, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.WhatsAppOptIn)
        {
            return false;
        }

        await customers.UpsertManyAsync([customer with { WhatsAppOptIn = true, WhatsAppOptInAt = now, WhatsAppOptedOutAt = null }], ct)
            .ConfigureAwait(false);
        await audit.AddAsync(new AuditEntry
        {
            Id = AuditIds.Next(now),
            At = now,
            Actor = $"whatsapp:{customer.Phone}",
            Action = OptedInAction,
            Target = $"customer:{customer.Id}",
            OldValue = "opted out",
            NewValue = "opted in",
            Details = $"Replied \"{reply.Trim()}\" on WhatsApp",
        }, ct).ConfigureAwait(false);
        return true;
    }
}
