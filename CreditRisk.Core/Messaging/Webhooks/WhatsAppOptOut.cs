using CreditRisk.Core.Audit;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Messaging.Webhooks;

/// <summary>
/// A customer's "STOP" on WhatsApp withdraws their consent to WhatsApp messages at once: WhatsApp's Business policy
/// requires honouring an opt-out request, and every alert checks the opt-in when it is sent, so the pending ones are
/// suppressed rather than sent. The change is audited and sticks: the bank's customer file sent again with its
/// onboarding consent does not undo it (<see cref="Customer.WhatsAppOptedOutAt"/>); the customer's own "START" does
/// (<see cref="WhatsAppOptInByReply"/>).
/// </summary>
public static class WhatsAppOptOut
{
    /// <summary>Audit action of an opt-out by reply.</summary>
    public const string OptedOutAction = "customers.whatsapp.opted-out";

    /// <summary>The replies that mean "stop messaging me", compared as the whole message, case and end punctuation aside.</summary>
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "STOP", "STOP ALL", "STOPALL", "UNSUBSCRIBE", "OPT OUT", "OPT-OUT", "OPTOUT", "CANCEL", "END", "QUIT",
    };

    /// <summary>Whether <paramref name="text"/> is an opt-out request: one of <see cref="Keywords"/> and nothing else.</summary>
    public static bool IsRequest(string? text) =>
        text is not null && Keywords.Contains(text.Trim().TrimEnd('.', '!', ' '));

    /// <summary>Withdraws <paramref name="customer"/>'s opt-in (when they had one) and audits it; false when there was none.</summary>
    public static async Task<bool> ApplyAsync(
        ICustomerRepository customers, IAuditLog audit, Customer customer, string reply, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(customer);
        if (!customer.WhatsAppOptIn)
        {
            return false;
        }

        await customers.UpsertManyAsync([customer with { WhatsAppOptIn = false, WhatsAppOptInAt = null, WhatsAppOptedOutAt = now }], ct).ConfigureAwait(false);
        await audit.AddAsync(new AuditEntry
        {
            Id = AuditIds.Next(now),
            At = now,
            Actor = $"whatsapp:{customer.Phone}",
            Action = OptedOutAction,
            Target = $"customer:{customer.Id}",
            OldValue = "opted in",
            NewValue = "opted out",
            Details = $"Replied \"{reply.Trim()}\" on WhatsApp",
        }, ct).ConfigureAwait(false);
        return true;
    }
}
