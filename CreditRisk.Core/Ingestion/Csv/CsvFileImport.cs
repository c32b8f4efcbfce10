using System.Text.RegularExpressions;

namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>One file of an import, read twice: <see cref="ValidateAsync"/> then, if every file passed, <see cref="WriteAsync"/>.</summary>
internal interface ICsvFileImport
{
    /// <summary>Pass 1: reads and checks every row, writing nothing to the store. True when the file may be written.</summary>
    Task<bool> ValidateAsync(CancellationToken ct);

    /// <summary>Pass 2: reads the file again and writes its good rows in batches. True when all were written.</summary>
    Task<bool> WriteAsync(CancellationToken ct);

    CsvFileReport Report();
}

/// <summary>
/// Runs both passes over one file. Pass 1 keeps only what pass 2 needs: the line numbers to skip (bad rows under
/// --skip-invalid, identical repeats), the key digests for repeats, and one batch of rows at a time.
/// </summary>
internal sealed partial class CsvFileImport<TInput>(CsvImportFormat<TInput> format, string path, CsvImportContext context)
    : ICsvFileImport
    where TInput : class
{
    private const string CustomerColumn = "customer_id";
    private const string PhoneColumn = "phone";

    // Ascending, since rows are read in order: pass 2 walks it with one cursor.
    private readonly List<long> _skipLines = [];
    private readonly SharedPhoneTracker _phones = new(context.Store.Customers);

    // Stays NotImported unless a pass decides otherwise: a file never reached keeps it.
    private CsvFileStatus _status = CsvFileStatus.NotImported;
    private (long Length, DateTime LastWriteUtc) _stamp;
    private long _rowsRead;
    private long _rejected;
    private long _repeats;
    private long _written;
    private long _new;
    private bool _newUnknown;
    private long _differing;
    private long? _firstDifferingLine;
    private CsvProblem? _problem;
    private string? _rejectsPath;
    private TimeSpan _elapsed;

    public async Task<bool> ValidateAsync(CancellationToken ct)
    {
        var started = context.Time.GetTimestamp();
        var rejectsPath = CsvRejectsWriter.PathFor(path);
        try
        {
            _stamp = CsvFileSource.Stamp(path);
            using var source = CsvFileSource.Open(path, format.Columns, format.OptionalColumns);
            using (var rejects = context.SkipInvalid ? new CsvRejectsWriter(rejectsPath, source.Header.Names) : null)
            {
                var now = WireFormat.ToStoredPrecision(context.Time.GetUtcNow());
                var checker = new CsvRowChecker<TInput>(format, source.Header, context.Validator, now);
                var chunk = new List<CheckedRow<TInput>>(context.BatchSize);
                while (source.ReadRow() is { } row)
                {
                    _rowsRead++;
                    chunk.Add(checker.Check(row));
                    if (chunk.Count == context.BatchSize)
                    {
                        await SettleAsync(chunk, checker, rejects, ct);
                        Report(CsvImportPhase.Validating, source, completed: false);
                    }
                }

                await SettleAsync(chunk, checker, rejects, ct);
                Report(CsvImportPhase.Validating, source, completed: true);
            }

            _rejectsPath = context.SkipInvalid ? rejectsPath : null;
            if (_rejected > 0 && !context.SkipInvalid)
            {
                _status = CsvFileStatus.Invalid;
                return false;
            }

            return true;
        }
        catch (CsvFormatException ex)
        {
            // Broken CSV or header: no row can be trusted, so a partial rejects file would mislead.
            _problem = new CsvProblem(ex.LineNumber, ex.Column, LinePrefix().Replace(ex.Message, ""));
            _status = CsvFileStatus.Invalid;
            _rejectsPath = null;
            if (context.SkipInvalid)
            {
                File.Delete(rejectsPath);
            }

            return false;
        }
        finally
        {
            _elapsed += context.Time.GetElapsedTime(started);
        }
    }

    public async Task<bool> WriteAsync(CancellationToken ct)
    {
        var started = context.Time.GetTimestamp();
        try
        {
            if (CsvFileSource.Stamp(path) != _stamp)
            {
                return Fail(new CsvProblem(0, null, "the file changed after it was checked; nothing of it was written. Run the import again."));
            }

            var storedBefore = await format.CountStoredAsync(context.Store, ct);
            using var source = CsvFileSource.Open(path, format.Columns, format.OptionalColumns);
            var header = source.Header;
            var scratch = new List<CsvFieldError>();
            var skip = 0;
            var batch = new List<TInput>(context.BatchSize);
            var lines = new List<long>(context.BatchSize);
            long rows = 0;
            while (source.ReadRow() is { } row)
            {
                rows++;
                if (skip < _skipLines.Count && _skipLines[skip] == row.LineNumber)
                {
                    skip++;
                    continue;
                }

                batch.Add(format.Map(header, row, scratch));
                lines.Add(row.LineNumber);
                if (batch.Count == context.BatchSize)
                {
                    if (!await FlushAsync(batch, lines, ct))
                    {
                        return false;
                    }

                    Report(CsvImportPhase.Importing, source, rows, completed: false);
                }
            }

            if (batch.Count > 0 && !await FlushAsync(batch, lines, ct))
            {
                return false;
            }

            Report(CsvImportPhase.Importing, source, rows, completed: true);
            if (_newUnknown)
            {
                // This kind's writes cannot tell new from replaced: count the store before and after instead.
                _new = Math.Clamp(await format.CountStoredAsync(context.Store, ct) - storedBefore, 0, _written);
            }

            _status = CsvFileStatus.Imported;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Fail(new CsvProblem(0, null, $"writing failed after {_written} rows of this file were stored: {ex.Message}"));
        }
        finally
        {
            _elapsed += context.Time.GetElapsedTime(started);
        }
    }

    public CsvFileReport Report() => new()
    {
        Kind = format.Kind,
        Path = path,
        Status = _status,
        RowsRead = _rowsRead,
        New = _new,
        Existing = _written - _new,
        ReplaysDiffering = _differing,
        FirstDifferingLine = _firstDifferingLine,
        Repeats = _repeats,
        Rejected = _rejected,
        FirstProblem = _problem,
        RejectsPath = _rejectsPath,
        Duration = _elapsed,
    };

    /// <summary>Finishes a batch of checked rows: looks up their customers, then counts, records and sets aside.</summary>
    private async Task SettleAsync(
        List<CheckedRow<TInput>> chunk, CsvRowChecker<TInput> checker, CsvRejectsWriter? rejects, CancellationToken ct)
    {
        var references = chunk.Select(r => r.CustomerReference).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var unknown = references.Count == 0 ? new HashSet<string>() : await context.Customers.FindUnknownAsync(references, ct);
        foreach (var row in chunk)
        {
            if (row.CustomerReference is { } id && unknown.Contains(id))
            {
                row.Errors.Add(new CsvFieldError(CustomerColumn, $"names an unknown customer '{id}'"));
            }

            if (row is { Errors.Count: 0, IsRepeat: false, Input: { } given }
                && format.PhoneOf(given) is { } phone && format.DefinedCustomer(given) is { } customer
                && await _phones.ProblemAsync(phone, customer, row.Row.LineNumber, ct) is { } taken)
            {
                row.Errors.Add(new CsvFieldError(PhoneColumn, taken));
            }

            if (row.Errors.Count > 0)
            {
                _rejected++;
                var errors = checker.InColumnOrder(row.Errors);
                _problem ??= new CsvProblem(row.Row.LineNumber, errors[0].Column, CsvRejectsWriter.Describe(errors));
                rejects?.Write(row.Row, errors);
                if (context.SkipInvalid)
                {
                    _skipLines.Add(row.Row.LineNumber);
                }
            }
            else if (row.IsRepeat)
            {
                _repeats++;
                _skipLines.Add(row.Row.LineNumber);
            }
            else if (row.Input is { } input && format.DefinedCustomer(input) is { } defined)
            {
                context.Customers.Define(defined);
            }
        }

        chunk.Clear();
    }

    private async Task<bool> FlushAsync(List<TInput> batch, List<long> lines, CancellationToken ct)
    {
        var result = await format.WriteAsync(context.Ingestion, batch, ct);
        _written += result.Written;
        if (result.Errors.Count > 0)
        {
            // Refused: pass 1 accepted these rows, so the store changed under us (a customer deleted, say). Or stored,
            // but what had to follow failed (statements the risk pipeline could not apply).
            var first = result.Errors[0];
            var line = first.Index is { } i && i < lines.Count ? lines[i] : lines[0];
            return Fail(new CsvProblem(
                line,
                CsvColumnNames.FromWireField(first.Field),
                result.Written > 0
                    ? $"{first.Message} ({_written} rows of this file are stored)"
                    : $"{first.Message} (refused while writing, after {_written} rows of this file were stored)"));
        }

        _differing += result.Differing;
        if (_firstDifferingLine is null && result.FirstDiffering is { } differing)
        {
            _firstDifferingLine = lines[differing];
        }

        if (result.New is { } fresh)
        {
            _new += fresh;
        }
        else
        {
            _newUnknown = true;
        }

        batch.Clear();
        lines.Clear();
        return true;
    }

    private bool Fail(CsvProblem problem)
    {
        _problem = problem;
        _status = CsvFileStatus.Failed;
        return false;
    }

    private void Report(CsvImportPhase phase, CsvFileSource source, bool completed) =>
        Report(phase, source, _rowsRead, completed);

    private void Report(CsvImportPhase phase, CsvFileSource source, long rows, bool completed) =>
        context.Progress?.Report(new CsvImportProgress(
            format.Kind, path, phase, completed ? source.Length : source.Position, source.Length, rows, completed));

    [GeneratedRegex(@"^Line \d+: ")]
    private static partial Regex LinePrefix();
}
