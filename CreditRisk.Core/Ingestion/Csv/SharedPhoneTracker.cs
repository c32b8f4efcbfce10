using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>
/// Finds, while a customers file is checked, a phone number that is another customer's: given to another customer on
/// an earlier line, or stored for a customer who does not move to another number earlier in the file. Such a row is
/// then an error of pass 1 (set aside with --skip-invalid); found only while writing, the batches before it were
/// already stored and the same file failed the same way on every run. Digests, as <see cref="RepeatTracker"/> keeps
/// them: about 80 bytes a customer.
/// </summary>
internal sealed class SharedPhoneTracker(ICustomerRepository customers)
{
    private readonly Dictionary<UInt128, (long Line, UInt128 Customer)> _byPhone = [];
    private readonly Dictionary<UInt128, UInt128> _phoneOf = [];

    /// <summary>Why <paramref name="phone"/> cannot be <paramref name="customerId"/>'s, or null (then it is recorded as theirs).</summary>
    public async Task<string?> ProblemAsync(string phone, string customerId, long line, CancellationToken ct)
    {
        var (phoneDigest, customer) = (RepeatTracker.Digest(phone), RepeatTracker.Digest(customerId));
        if (_byPhone.TryGetValue(phoneDigest, out var first))
        {
            return first.Customer == customer ? null : $"is given to another customer on line {first.Line}: one phone number is one customer's";
        }

        // The write pass frees a stored owner's number only when the owner's new one is written first.
        if (await customers.FindByPhoneAsync(phone, ct).ConfigureAwait(false) is { } owner && owner.Id != customerId
            && !(_phoneOf.TryGetValue(RepeatTracker.Digest(owner.Id), out var ownersNew) && ownersNew != phoneDigest))
        {
            return $"already belongs to customer '{owner.Id}': one phone number signs in, and is alerted as, one customer "
                + "(if they move to another number in this file, put their row first)";
        }

        _byPhone.Add(phoneDigest, (line, customer));
        _phoneOf[customer] = phoneDigest;
        return null;
    }
}
