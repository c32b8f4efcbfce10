using LiteDB;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>The open database and mapper shared by the LiteDB repositories, plus the transaction and task plumbing they all need.</summary>
internal sealed class LiteDbContext(LiteDatabase database, BsonMapper mapper)
{
    public LiteDatabase Database { get; } = database;

    public BsonMapper Mapper { get; } = mapper;

    /// <summary>
    /// Every write to the file holds this gate; reads do not. LiteDB 5 runs write transactions on different collections
    /// side by side, and that path corrupts the header it shares between them: its free-page list and the pages of a
    /// collection another transaction is creating (litedb-org/LiteDB#2825 and #2792; seen here as "page type must be
    /// collection page" under eight parallel writers). Repositories whose write reads first (a compare-and-swap) hold it
    /// across the read too, so it also serves as their lock. Reentrant, so a write inside a transaction may take it again.
    /// </summary>
    public Lock WriteGate { get; } = new();

    public ILiteCollection<BsonDocument> Collection(string name) => Database.GetCollection(name, BsonAutoId.ObjectId);

    /// <summary>
    /// Creates every collection the store uses that the file does not hold yet. LiteDB creates a collection on its
    /// first write, and a read racing that creation fails (litedb-org/LiteDB#2792), so none is left to be created
    /// while the store serves. Call under <see cref="WriteGate"/> before the store is shared.
    /// </summary>
    public void CreateMissingCollections()
    {
        foreach (var name in LiteDbCollections.All.Where(n => !Database.CollectionExists(n)))
        {
            // Inserting a document is LiteDB's one way to create a collection; the probe goes again in the same commit.
            InTransaction(() =>
            {
                var collection = Collection(name);
                var probe = new BsonDocument { ["_id"] = "collection-probe" };
                collection.Insert(probe);
                collection.Delete(probe["_id"]);
            });
        }
    }

    public BsonDocument ToDocument<T>(T entity) => Mapper.ToDocument(entity);

    /// <summary>
    /// The documents among <paramref name="ids"/> that exist, keyed by id, in one query: one plan and one pass over the
    /// id index for the lot, several times cheaper than a <c>FindById</c> each. The ids go in as a parameter, so the
    /// expression's text never changes and LiteDB compiles it once (<c>Query.In</c> writes them into the text, and a
    /// new text is a new compiled method).
    /// </summary>
    public static Dictionary<string, BsonDocument> FindByIds(ILiteCollection<BsonDocument> collection, IReadOnlyCollection<string> ids)
    {
        var found = new Dictionary<string, BsonDocument>(ids.Count, StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return found;
        }

        var keys = new BsonArray(ids.Distinct(StringComparer.Ordinal).Select(id => new BsonValue(id)));
        foreach (var doc in collection.Find(BsonExpression.Create(IdIn, keys)))
        {
            found[doc["_id"].AsString] = doc;
        }

        return found;
    }

    private const string IdIn = "_id IN @0";

    public T ToEntity<T>(BsonDocument document) => Mapper.ToObject<T>(document);

    /// <summary>
    /// Runs <paramref name="work"/> in one LiteDB transaction: one commit for a whole batch (grouped commits are several
    /// times faster than one per document) and all-or-nothing on failure. LiteDB binds a transaction to the calling
    /// thread, so the work must be synchronous, which it is.
    /// </summary>
    public T InTransaction<T>(Func<T> work)
    {
        lock (WriteGate)
        {
            if (!Database.BeginTrans())
            {
                throw new InvalidOperationException("A LiteDB transaction is already open on this thread.");
            }

            try
            {
                var result = work();
                Database.Commit();
                return result;
            }
            catch
            {
                Database.Rollback();
                throw;
            }
        }
    }

    /// <summary>Runs a write that needs no transaction of its own (one document) under <see cref="WriteGate"/>.</summary>
    public T Write<T>(Func<T> work)
    {
        lock (WriteGate)
        {
            return work();
        }
    }

    public void Write(Action work)
    {
        lock (WriteGate)
        {
            work();
        }
    }

    /// <summary>
    /// Inserts <paramref name="document"/> unless a unique index (the id's included) already holds one of its keys.
    /// The index decides, not an earlier read, so two racing callers can never both succeed and the loser gets
    /// false instead of an exception. Never call it inside <see cref="InTransaction{T}"/>: LiteDB rolls back the
    /// whole explicit transaction when one insert in it fails.
    /// </summary>
    public bool TryInsert(ILiteCollection<BsonDocument> collection, BsonDocument document)
    {
        try
        {
            Write(() => collection.Insert(document));
            return true;
        }
        catch (LiteException ex) when (IsDuplicateKey(ex))
        {
            return false;
        }
    }

    /// <summary>Replaces a stored document: false when it is gone or when the change collides on a unique index.</summary>
    public bool TryUpdate(ILiteCollection<BsonDocument> collection, BsonDocument document)
    {
        try
        {
            return Write(() => collection.Update(document));
        }
        catch (LiteException ex) when (IsDuplicateKey(ex))
        {
            return false;
        }
    }

    /// <summary>The write was rolled back because a unique index already holds one of the document's keys.</summary>
    public static bool IsDuplicateKey(LiteException ex) => ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY;

    public void InTransaction(Action work) => InTransaction(() =>
    {
        work();
        return true;
    });

    /// <summary>See <see cref="SynchronousWork"/>.</summary>
    public static Task<T> Run<T>(Func<T> work, CancellationToken ct) => SynchronousWork.Run(work, ct);

    public static Task Run(Action work, CancellationToken ct) => SynchronousWork.Run(work, ct);
}
