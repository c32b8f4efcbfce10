namespace CreditRisk.Core.Ingestion;

/// <summary>The outcome of validating one input item: the domain record when valid, otherwise its errors.</summary>
public sealed record ValidatedItem<T>(int Index, T? Value, IReadOnlyList<IngestionError> Errors)
    where T : class
{
    public bool IsValid => Value is not null && Errors.Count == 0;
}
