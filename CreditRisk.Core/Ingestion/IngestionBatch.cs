namespace CreditRisk.Core.Ingestion;

/// <summary>
/// A batch handed to <see cref="IngestionService"/>. A reader that could not even parse some items (a JSON string
/// where a number belongs) leaves those entries null and reports why in <see cref="ReadErrors"/>, so the service can
/// still check the other items and answer with every error at once.
/// </summary>
public sealed record IngestionBatch<T>(IReadOnlyList<T?> Items, IReadOnlyList<IngestionError> ReadErrors)
    where T : class
{
    public static IngestionBatch<T> Of(IReadOnlyList<T> items) => new(items, []);
}
