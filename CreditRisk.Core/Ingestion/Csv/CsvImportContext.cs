using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>What every file of one import shares.</summary>
internal sealed record CsvImportContext(
    IngestionService Ingestion,
    IngestionValidator Validator,
    ICreditRiskStore Store,
    CustomerDirectory Customers,
    TimeProvider Time,
    IProgress<CsvImportProgress>? Progress,
    bool SkipInvalid,
    int BatchSize);
