using LiteDB;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>The open database and mapper shared by the LiteDB repositories, plus the transaction and task plumbing they all need.</summary>
internal sealed class LiteDbContext(LiteDatabase database, BsonMapper mapper)
{
    public LiteDatabase Database { get; } = database;

    public BsonMapper Mapper { get; } = mapper;

    public ILiteCollection<BsonDocument> Collection(string name) => Database.GetCollection(name, BsonAutoId.ObjectId);

    public BsonDocument ToDocument<T>(T entity) => Mapper.ToDocument(entity);

    public T ToEntity<T>(BsonDocument document) => Mapper.ToObject<T>(document);

    /// <summary>
    /// Runs <paramref name="work"/> in one LiteDB transaction: one commit for a whole batch (grouped commits are several
    /// times faster than one per document) and all-or-nothing on failure. LiteDB binds a transaction to the calling
    /// thread, so the work must be synchronous, which it is.
    /// </summary>
    public T InTransaction<T>(Func<T> work)
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

    public void InTransaction(Action work) => InTransaction(() =>
    {
        work();
        return true;
    });

    /// <summary>
    /// LiteDB is synchronous: run the work inline, honouring cancellation at entry, and report failures through the
    /// returned task (as an async method would) rather than throwing at the call site.
    /// </summary>
    public static Task<T> Run<T>(Func<T> work, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(ct);
        }

        try
        {
            return Task.FromResult(work());
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    public static Task Run(Action work, CancellationToken ct) => Run(() =>
    {
        work();
        return true;
    }, ct);
}
