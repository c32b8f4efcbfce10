namespace CreditRisk.Core.Ingestion;

/// <summary>
/// One reason an item was refused. <see cref="Field"/> is the camelCase wire name (<c>merchantCategory</c>);
/// the CSV importer converts it to its snake_case column name.
/// </summary>
/// <param name="Index">
/// Position of the item in its batch (0-based; a single object is 0), or, for the CSV importer, whatever position
/// it passed in. Null when the error concerns the whole batch.
/// </param>
/// <param name="Field">The offending field, or <c>$</c> for the item (or batch) as a whole.</param>
/// <param name="Message">What is wrong, phrased to follow the field name ("must be exactly 4 digits").</param>
public sealed record IngestionError(int? Index, string Field, string Message)
{
    /// <summary>The field name used for errors about a whole item or batch rather than one field.</summary>
    public const string Whole = "$";
}
