namespace CreditRisk.Core.EarlyWarning;

/// <summary>Which stored history <see cref="StoreReplayHistorySource"/> reads.</summary>
/// <param name="LookBackDays">Days of history up to today (today included).</param>
/// <param name="MaxCustomers">Most customers; more are sampled by a stable hash of their id.</param>
/// <param name="PageSize">Customers read from the store at a time.</param>
public sealed record StoreReplayScope(int LookBackDays, int MaxCustomers, int PageSize = 500);
