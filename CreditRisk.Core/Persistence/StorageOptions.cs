using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Persistence;

/// <summary>Where CreditRisk keeps its data. MongoDB is used when <c>ConnectionStrings:Mongo</c> is set; otherwise LiteDB.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>LiteDB file for the embedded store, relative to the working directory. Default <c>data/creditrisk.db</c>.</summary>
    [Required]
    public string LiteDbPath { get; set; } = "data/creditrisk.db";

    /// <summary>MongoDB database name. Default <c>creditrisk</c>.</summary>
    [Required]
    public string MongoDatabase { get; set; } = "creditrisk";

    /// <summary>How long to wait for MongoDB at start-up before failing, in seconds. Default 10.</summary>
    [Range(1, 300)]
    public int MongoConnectTimeoutSeconds { get; set; } = 10;
}
