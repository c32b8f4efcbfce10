using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Swaps each statement a run is about to apply for the copy the store holds now, read under the customers' locks.
/// A statement is stored before its run takes the lock, so two requests for the same customer and date (an original
/// and its correction) can store in one order and apply in the other: the profile kept the original while the store
/// held the correction, and a customer who had paid in full read as past due until some rebuild.
/// </summary>
internal static class StatementsAsStored
{
    public static async Task ApplyAsync(IStatementRepository statements, IReadOnlyList<CustomerWork> chunk, CancellationToken ct)
    {
        var withStatements = chunk.Where(w => w.Statements.Count > 0).ToList();
        if (withStatements.Count == 0)
        {
            return;
        }

        // The profile holds the latest cycles only, so an older statement's copy matters little; one not found (older
        // than these, or never stored, as in a replay) is applied as given.
        var stored = await statements.ListForCustomersAsync([.. withStatements.Select(w => w.CustomerId)], ProfileWindow.Cycles, ct)
            .ConfigureAwait(false);
        foreach (var work in withStatements)
        {
            if (!stored.TryGetValue(work.CustomerId, out var theirs))
            {
                continue;
            }

            var byId = theirs.ToDictionary(s => s.Id, StringComparer.Ordinal);
            for (var i = 0; i < work.Statements.Count; i++)
            {
                if (byId.TryGetValue(work.Statements[i].Id, out var current))
                {
                    work.Statements[i] = current;
                }
            }
        }
    }
}
