using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>
/// Answers "is this customer known?" for a whole import: customers defined by the customers file being imported,
/// then the store, asked once per batch for the ids not asked about before. Answers are cached, so memory grows
/// with the number of distinct customers, not rows.
/// </summary>
internal sealed class CustomerDirectory(ICustomerRepository customers)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unknown = new(StringComparer.Ordinal);

    /// <summary>A customer the import will create, so rows of later files may refer to it.</summary>
    public void Define(string customerId)
    {
        _known.Add(customerId);
        _unknown.Remove(customerId);
    }

    /// <summary>The ids among <paramref name="ids"/> that name no customer, with one store round trip at most.</summary>
    public async Task<IReadOnlySet<string>> FindUnknownAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var toAsk = ids.Where(id => !_known.Contains(id) && !_unknown.Contains(id)).ToHashSet(StringComparer.Ordinal);
        if (toAsk.Count > 0)
        {
            var found = await customers.GetManyAsync(toAsk, ct);
            foreach (var id in toAsk)
            {
                (found.ContainsKey(id) ? _known : _unknown).Add(id);
            }
        }

        return ids.Where(_unknown.Contains).ToHashSet(StringComparer.Ordinal);
    }
}
