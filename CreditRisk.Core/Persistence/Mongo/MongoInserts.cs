using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

/// <summary>Bulk inserts where a document whose unique key is taken is left out rather than failing the rest.</summary>
internal static class MongoInserts
{
    /// <summary>
    /// Inserts <paramref name="candidates"/> in one unordered write and returns those stored; a candidate whose id or
    /// other unique key is already taken (a concurrent writer, a retry) is not stored and not returned.
    /// </summary>
    public static async Task<List<T>> InsertNewAsync<T>(IMongoCollection<T> collection, List<T> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        try
        {
            await collection.InsertManyAsync(candidates, new InsertManyOptions { IsOrdered = false }, ct);
            return candidates;
        }
        catch (MongoBulkWriteException<T> ex) when (MongoErrors.IsDuplicateKey(ex))
        {
            // The others are stored: only the documents whose key was taken failed.
            var failed = ex.WriteErrors.Select(e => e.Index).ToHashSet();
            return [.. candidates.Where((_, i) => !failed.Contains(i))];
        }
        catch (MongoCommandException ex) when (MongoErrors.IsDuplicateKey(ex))
        {
            // The server rejected the whole command without saying which documents clashed (the in-memory test
            // server does this; MongoDB itself reports per-document write errors above). Insert one by one.
            var inserted = new List<T>(candidates.Count);
            foreach (var document in candidates)
            {
                try
                {
                    await collection.InsertOneAsync(document, cancellationToken: ct);
                    inserted.Add(document);
                }
                catch (MongoException one) when (MongoErrors.IsDuplicateKey(one))
                {
                }
            }

            return inserted;
        }
    }
}
