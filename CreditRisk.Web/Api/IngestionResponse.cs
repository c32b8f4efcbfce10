namespace CreditRisk.Web.Api;

/// <summary>Success body: one outcome per submitted item, in request order (a single object gives one).</summary>
internal sealed record IngestionResponse<T>(int Count, IReadOnlyList<T> Items);
