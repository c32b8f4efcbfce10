using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>
/// What <see cref="CsvImporter"/> needs to know about one kind of file: its columns, its row mapper, its
/// validation, the key that must not repeat within the file, which customer a row refers to and how to write a batch.
/// </summary>
internal abstract class CsvImportFormat<TInput>
    where TInput : class
{
    public abstract CsvImportKind Kind { get; }

    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>Columns a file may have besides <see cref="Columns"/>; none by default.</summary>
    public virtual IReadOnlyList<string> OptionalColumns => [];

    /// <summary>The column reported when the repeat key appears twice with different values.</summary>
    public abstract string RepeatColumn { get; }

    /// <summary>Names the repeated thing in an error, e.g. "transaction id".</summary>
    public abstract string RepeatNoun { get; }

    public abstract TInput Map(CsvHeader header, CsvRow row, ICollection<CsvFieldError> errors);

    public abstract IReadOnlyList<IngestionError> Validate(IngestionValidator validator, TInput input, DateTimeOffset now);

    /// <summary>The key that identifies the row's record, or null when its parts are missing or malformed.</summary>
    public abstract string? RepeatKey(TInput input);

    /// <summary>The customer the row must refer to (statements, transactions); null for customers themselves.</summary>
    public virtual string? CustomerReference(TInput input) => null;

    /// <summary>The customer the row defines (customers only), so later files may refer to it.</summary>
    public virtual string? DefinedCustomer(TInput input) => null;

    /// <summary>The phone number the row gives its customer (customers only); one number belongs to one customer.</summary>
    public virtual string? PhoneOf(TInput input) => null;

    /// <summary>Writes one batch through the ingestion service.</summary>
    public abstract Task<CsvBatchWrite> WriteAsync(IngestionService ingestion, IReadOnlyList<TInput> batch, CancellationToken ct);

    /// <summary>
    /// Records of this kind in the store, for kinds whose write outcome does not say new from replaced: the
    /// difference before and after the file then gives the new ones.
    /// </summary>
    public virtual Task<long> CountStoredAsync(ICreditRiskStore store, CancellationToken ct) => Task.FromResult(0L);
}

/// <summary>The outcome of one batch: refused with <see cref="Errors"/>, or written.</summary>
/// <param name="Errors">Why the batch was refused; empty when it was written.</param>
/// <param name="Written">Rows written (new or replacing or replaying stored ones).</param>
/// <param name="New">Rows not stored before; null when the write outcome cannot tell (statements).</param>
/// <param name="Differing">Replays whose content differs from the record stored under their id (kept as stored).</param>
/// <param name="FirstDiffering">The batch index of the first of them.</param>
internal sealed record CsvBatchWrite(IReadOnlyList<IngestionError> Errors, int Written, int? New, int Differing = 0, int? FirstDiffering = null);
