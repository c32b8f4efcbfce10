using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Persistence;

/// <summary>
/// Where CreditRisk keeps its data. MongoDB is used when <c>ConnectionStrings:Mongo</c> is set; otherwise the embedded
/// store chosen by <see cref="Engine"/>.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The embedded store's engine when no MongoDB connection string is set. Default <see cref="EmbeddedEngine.Sqlite"/>.</summary>
    public EmbeddedEngine Engine { get; set; } = EmbeddedEngine.Sqlite;

    /// <summary>SQLite file of the embedded store, relative to the working directory. Default <c>data/creditrisk.sqlite</c>.</summary>
    [Required]
    public string SqlitePath { get; set; } = "data/creditrisk.sqlite";

    /// <summary>
    /// LiteDB file, relative to the working directory. Default <c>data/creditrisk.db</c>. The store itself with
    /// <c>Engine=LiteDb</c>; otherwise the earlier versions' file that <c>creditrisk store migrate</c> copies from.
    /// </summary>
    [Required]
    public string LiteDbPath { get; set; } = "data/creditrisk.db";

    /// <summary>MongoDB database name. Default <c>creditrisk</c>.</summary>
    [Required]
    public string MongoDatabase { get; set; } = "creditrisk";

    /// <summary>How long to wait for MongoDB at start-up before failing, in seconds. Default 10.</summary>
    [Range(1, 300)]
    public int MongoConnectTimeoutSeconds { get; set; } = 10;
}

/// <summary>The engines of the embedded store.</summary>
public enum EmbeddedEngine
{
    /// <summary>One SQLite file in write-ahead-log mode (the default).</summary>
    Sqlite,

    /// <summary>One LiteDB file, the embedded store of earlier versions.</summary>
    LiteDb,
}
