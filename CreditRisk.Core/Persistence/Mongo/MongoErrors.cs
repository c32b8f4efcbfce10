using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

/// <summary>Recognises duplicate-key failures however the server reports them.</summary>
internal static class MongoErrors
{
    public const int DuplicateKeyCode = 11000;

    /// <summary>
    /// True for a duplicate-key error. MongoDB reports it as a write error of a single write, as write errors of a
    /// bulk write, or (some wire-compatible servers, such as the in-memory test server) as a command error.
    /// </summary>
    public static bool IsDuplicateKey(Exception exception) => exception switch
    {
        MongoWriteException write => write.WriteError?.Code == DuplicateKeyCode,
        MongoBulkWriteException bulk => bulk.WriteErrors.Count > 0
            && bulk.WriteErrors.All(e => e.Code == DuplicateKeyCode)
            && bulk.WriteConcernError is null,
        MongoCommandException command => command.Code == DuplicateKeyCode,
        _ => false,
    };
}
