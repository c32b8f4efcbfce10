using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Persistence.Sqlite;

namespace CreditRisk.Core.Persistence;

/// <summary>Opens the embedded store the options name, refusing a start that would silently leave an earlier store's data behind.</summary>
public static class EmbeddedStoreFactory
{
    public static ICreditRiskStore Open(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Engine == EmbeddedEngine.LiteDb)
        {
            return new LiteDbCreditRiskStore(options.LiteDbPath);
        }

        if (!File.Exists(options.SqlitePath) && File.Exists(options.LiteDbPath) && new FileInfo(options.LiteDbPath).Length > 0)
        {
            throw new EarlierStoreFoundException(LegacyStoreMessage(options));
        }

        return new SqliteCreditRiskStore(options.SqlitePath);
    }

    /// <summary>Why a start found only an earlier version's LiteDB file, and the two ways on.</summary>
    public static string LegacyStoreMessage(StorageOptions options) =>
        $"Found the LiteDB store '{options.LiteDbPath}' written by an earlier version, and no SQLite store at "
        + $"'{options.SqlitePath}' (the embedded store is now SQLite). Copy the data across with "
        + $"'creditrisk store migrate', or keep using the LiteDB file by setting Storage:Engine=LiteDb "
        + "(environment variable Storage__Engine=LiteDb).";
}

/// <summary>Start-up found only an earlier version's store; the message says how to go on. Shown without a stack trace.</summary>
public sealed class EarlierStoreFoundException(string message) : InvalidOperationException(message);
