using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Ingestion;

/// <summary>
/// What a customer record sent again keeps of the stored one, and which phone numbers are already another customer's.
/// </summary>
internal static class CustomerUpdates
{
    /// <summary>
    /// The record to store for <paramref name="incoming"/> (validated from <paramref name="input"/>). The creation time
    /// and the first opt-in time stay. The opt-in and the time zone stay when the record sent leaves them out: a
    /// core-banking update of a name or a limit must not withdraw consent the customer gave, nor move their quiet hours.
    /// A customer who replied "STOP" on WhatsApp stays opted out whatever the record says: the bank's file still holds
    /// the consent recorded at onboarding, and WhatsApp's policy puts the customer's own withdrawal first; their "START"
    /// opts them in again.
    /// </summary>
    public static Customer Merge(Customer incoming, CustomerInput input, Customer? stored)
    {
        if (stored is null)
        {
            return incoming;
        }

        var optedOutByReply = stored is { WhatsAppOptIn: false, WhatsAppOptedOutAt: not null };
        var optIn = !optedOutByReply && (input.WhatsappOptIn ?? stored.WhatsAppOptIn);
        return incoming with
        {
            CreatedAt = stored.CreatedAt,
            WhatsAppOptIn = optIn,
            WhatsAppOptedOutAt = stored.WhatsAppOptedOutAt,
            WhatsAppConsentReplyAt = stored.WhatsAppConsentReplyAt,
            WhatsAppOptInAt = !optIn ? null
                : stored.WhatsAppOptIn ? stored.WhatsAppOptInAt ?? incoming.WhatsAppOptInAt
                : incoming.WhatsAppOptInAt,
            TimeZone = incoming.TimeZone ?? stored.TimeZone,
        };
    }

    /// <summary>An error for each item whose phone an earlier item of the batch gives another customer.</summary>
    public static IEnumerable<IngestionError> FindSharedPhones(IReadOnlyList<CustomerInput?> items)
    {
        var firstSeen = new Dictionary<string, (int Index, string? CustomerId)>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { Phone: { } phone } item || firstSeen.TryAdd(phone, (i, item.CustomerId)))
            {
                continue;
            }

            // The same customer twice is the id's repeat, said once by that check.
            var first = firstSeen[phone];
            if (!string.Equals(first.CustomerId, item.CustomerId, StringComparison.Ordinal))
            {
                yield return new IngestionError(i, "phone", $"is item {first.Index}'s phone in this batch: one phone number is one customer's");
            }
        }
    }

    /// <summary>
    /// An error for each customer whose phone is stored for another customer. A phone signs one customer in and
    /// receives their alerts: a second customer on it could never sign in, and their alerts would reach someone else.
    /// A customer of the same batch who moves to another number frees theirs. One indexed lookup per customer.
    /// </summary>
    public static async Task<List<IngestionError>> FindPhonesOfOthersAsync(
        IReadOnlyList<CustomerInput?> items, IReadOnlyList<Customer> customers, ICustomerRepository repository, CancellationToken ct)
    {
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i]?.CustomerId is { } id)
            {
                indexOf.TryAdd(id, i);
            }
        }

        var phoneSent = customers.ToDictionary(c => c.Id, c => c.Phone, StringComparer.Ordinal);
        var errors = new List<IngestionError>();
        foreach (var customer in customers)
        {
            var owner = await repository.FindByPhoneAsync(customer.Phone, ct).ConfigureAwait(false);
            if (owner is null || owner.Id == customer.Id
                || (phoneSent.TryGetValue(owner.Id, out var ownersNewPhone) && ownersNewPhone != customer.Phone))
            {
                continue;
            }

            errors.Add(new IngestionError(
                indexOf[customer.Id], "phone", $"already belongs to customer '{owner.Id}': one phone number signs in, and is alerted as, one customer"));
        }

        return errors;
    }
}
