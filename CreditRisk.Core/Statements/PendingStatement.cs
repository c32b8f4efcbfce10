namespace CreditRisk.Core.Statements;

/// <summary>
/// A stored statement the risk pipeline has not applied yet, as it was received: a correction received later is a
/// new receipt of the same <see cref="Id"/>, and applying the older one must not clear it.
/// </summary>
public sealed record PendingStatement(string Id, string CustomerId, DateTimeOffset ReceivedAt)
{
    public static PendingStatement Of(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return new(statement.Id, statement.CustomerId, statement.ReceivedAt);
    }
}
