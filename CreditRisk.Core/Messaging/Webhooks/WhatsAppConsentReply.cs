using CreditRisk.Core.Audit;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Messaging.Webhooks;

/// <summary>
/// A customer's reply that changes their consent to WhatsApp messages, matched as the whole message (case and end
/// punctuation aside) and applied at once with an audit entry by <c>whatsapp:{phone}</c>.
/// </summary>
public sealed class WhatsAppConsentReply
{
    /// <summary>
    /// "STOP" withdraws consent: WhatsApp's Business policy requires honouring an opt-out request, and every alert
    /// checks the opt-in when it is sent, so the pending ones are suppressed rather than sent. It sticks
    /// (<see cref="Customer.WhatsAppOptedOutAt"/>): the bank's customer file sent again with its onboarding consent does
    /// not undo it; the customer's own <see cref="OptIn"/> does.
    /// </summary>
    public static readonly WhatsAppConsentReply OptOut = new(
        "customers.whatsapp.opted-out",
        ["STOP", "STOP ALL", "STOPALL", "UNSUBSCRIBE", "OPT OUT", "OPT-OUT", "OPTOUT", "CANCEL", "END", "QUIT"],
        optIn: false);

    /// <summary>
    /// "START" gives consent again: the only way back after <see cref="OptOut"/>, and as an explicit request from the
    /// number itself it also opts in a customer the bank's file never recorded consent for. The bank's file can still
    /// withdraw it: a withdrawal always wins.
    /// </summary>
    public static readonly WhatsAppConsentReply OptIn = new(
        "customers.whatsapp.opted-in", ["START", "UNSTOP", "SUBSCRIBE", "OPT IN", "OPT-IN", "OPTIN"], optIn: true);

    private readonly IReadOnlySet<string> _keywords;
    private readonly bool _optIn;

    private WhatsAppConsentReply(string action, string[] keywords, bool optIn)
    {
        Action = action;
        _keywords = new HashSet<string>(keywords, StringComparer.OrdinalIgnoreCase);
        _optIn = optIn;
    }

    /// <summary>Audit action of the change.</summary>
    public string Action { get; }

    /// <summary>Whether <paramref name="text"/> is this request: one of its keywords and nothing else.</summary>
    public bool IsRequest(string? text) => text is not null && _keywords.Contains(text.Trim().TrimEnd('.', '!', ' '));

    /// <summary>
    /// Applies the reply the customer wrote at <paramref name="writtenAt"/> to <paramref name="customer"/> (as stored now)
    /// and audits a change of consent; false when it changed nothing. A reply written before the latest one applied
    /// (<see cref="Customer.WhatsAppConsentReplyAt"/>) arrived late and is skipped, and so is the same reply delivered
    /// again (which must not undo a change made since). A reply that leaves the consent as it was is still recorded as
    /// the latest, so an earlier one arriving after it cannot undo it. (WhatsApp dates messages to the second: of two
    /// written in the same second, the first to arrive stands.)
    /// </summary>
    public async Task<bool> ApplyAsync(
        ICustomerRepository customers, IAuditLog audit, Customer customer, string reply, DateTimeOffset writtenAt, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.WhatsAppConsentReplyAt is { } latest && writtenAt <= latest)
        {
            return false;
        }

        if (customer.WhatsAppOptIn == _optIn)
        {
            await customers.UpsertManyAsync([customer with { WhatsAppConsentReplyAt = writtenAt }], ct).ConfigureAwait(false);
            return false;
        }

        var changed = _optIn
            ? customer with { WhatsAppOptIn = true, WhatsAppOptInAt = now, WhatsAppOptedOutAt = null, WhatsAppConsentReplyAt = writtenAt }
            : customer with { WhatsAppOptIn = false, WhatsAppOptInAt = null, WhatsAppOptedOutAt = now, WhatsAppConsentReplyAt = writtenAt };
        await customers.UpsertManyAsync([changed], ct).ConfigureAwait(false);
        await audit.AddAsync(new AuditEntry
        {
            Id = AuditIds.Next(now),
            At = now,
            Actor = $"whatsapp:{customer.Phone}",
            Action = Action,
            Target = $"customer:{customer.Id}",
            OldValue = _optIn ? "opted out" : "opted in",
            NewValue = _optIn ? "opted in" : "opted out",
            Details = $"Replied \"{reply.Trim()}\" on WhatsApp",
        }, ct).ConfigureAwait(false);
        return true;
    }
}
