using System.Globalization;
using CreditRisk.Core.Ingestion.Csv;

namespace CreditRisk.Cli.Commands;

/// <summary>Turns an import report into the command's output: one summary line per file, and the problems.</summary>
internal static class ImportReportWriter
{
    /// <summary>
    /// <c>transactions.csv: imported; 1,000 rows read, 998 imported (990 new, 8 replays), 2 rejected, 0.4 s, 2,500 rows/s</c>.
    /// </summary>
    public static string Summary(CsvFileReport file)
    {
        var status = file.Status switch
        {
            CsvFileStatus.Imported => "imported",
            CsvFileStatus.Invalid => "invalid, nothing imported",
            CsvFileStatus.Failed => "FAILED while writing",
            _ => "not imported (another file is invalid or failed)",
        };
        var existing = file.Kind == CsvImportKind.Transactions ? "replays" : "updated";
        var parts = new List<string> { Format($"{file.RowsRead:N0} rows read") };
        if (file.Status is CsvFileStatus.Imported or CsvFileStatus.Failed)
        {
            parts.Add(Format($"{file.Imported:N0} imported ({file.New:N0} new, {file.Existing:N0} {existing})"));
        }

        if (file.Repeats > 0)
        {
            parts.Add(Format($"{file.Repeats:N0} identical repeats skipped"));
        }

        parts.Add(Format($"{file.Rejected:N0} rejected"));
        parts.Add(Format($"{file.Duration.TotalSeconds:0.0} s"));
        parts.Add(Format($"{file.RowsPerSecond:N0} rows/s"));
        return $"{file.Path}: {status}; {string.Join(", ", parts)}";
    }

    /// <summary>What went wrong with a file that was not imported whole, for stderr; empty when nothing did.</summary>
    public static IEnumerable<string> Problems(CsvFileReport file, bool skipInvalid)
    {
        if (file.FirstDifferingLine is { } line)
        {
            var differ = file.ReplaysDiffering == 1 ? "transaction differs" : "transactions differ";
            yield return Format(
                $"{file.Path}:{line}: transaction_id: {file.ReplaysDiffering:N0} replayed {differ} from the one stored under its id (the first on this line); the stored ones are kept: a correction needs a new transaction id");
        }

        if (file.Status == CsvFileStatus.Imported)
        {
            if (file.Rejected > 0 && file.RejectsPath is { } rejects)
            {
                yield return Format($"{file.Path}: {file.Rejected:N0} bad rows set aside in {rejects}");
            }

            yield break;
        }

        if (file.FirstProblem is not { } problem)
        {
            yield break;
        }

        yield return problem.Describe(file.Path);
        if (file.Status == CsvFileStatus.Invalid && file.Rejected > 1)
        {
            yield return Format($"  (and {file.Rejected - 1:N0} more bad rows)");
        }

        if (file.Status == CsvFileStatus.Invalid && file.Rejected > 0 && !skipInvalid)
        {
            yield return $"  Nothing was imported. Fix the rows, or use --skip-invalid to import the rest and write the bad rows to {CsvImporter.RejectsPathFor(file.Path)}.";
        }
        else if (file.Status == CsvFileStatus.Invalid)
        {
            yield return "  Nothing was imported.";
        }
        else if (file.Status == CsvFileStatus.Failed)
        {
            yield return "  Batches written before the failure stay; running the same import again is safe and finishes the job.";
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
