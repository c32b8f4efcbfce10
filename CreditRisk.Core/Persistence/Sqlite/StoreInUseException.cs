namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// The embedded store's file is held by another CreditRisk process (e.g. the web app while a CLI command starts). The
/// message says what to do; commands show it without a stack trace.
/// </summary>
public sealed class StoreInUseException(string message, Exception inner) : InvalidOperationException(message, inner);
