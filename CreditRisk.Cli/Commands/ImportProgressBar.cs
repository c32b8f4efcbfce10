using System.Globalization;
using CreditRisk.Core.Ingestion.Csv;

namespace CreditRisk.Cli.Commands;

/// <summary>
/// A one-line progress bar for a terminal, redrawn in place with a carriage return at most ten times a second:
/// file, pass, share of the file's bytes, rows and rows per second. Reports arrive on the importing thread.
/// </summary>
internal sealed class ImportProgressBar(TextWriter output, TimeProvider time) : IProgress<CsvImportProgress>
{
    private const int BarWidth = 24;
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    private (string Path, CsvImportPhase Phase)? _current;
    private long _phaseStarted;
    private long _lastDrawn;
    private int _lastLength;

    public void Report(CsvImportProgress value)
    {
        var now = time.GetTimestamp();
        if (_current != (value.Path, value.Phase))
        {
            _current = (value.Path, value.Phase);
            _phaseStarted = now;
            _lastDrawn = 0;
        }

        if (value.Completed)
        {
            Clear();
            return;
        }

        if (_lastDrawn != 0 && time.GetElapsedTime(_lastDrawn, now) < MinInterval)
        {
            return;
        }

        _lastDrawn = now;
        Draw(Render(value, time.GetElapsedTime(_phaseStarted, now)));
    }

    /// <summary>Wipes the bar so the next line starts clean.</summary>
    public void Clear()
    {
        if (_lastLength > 0)
        {
            output.Write('\r' + new string(' ', _lastLength) + '\r');
            output.Flush();
            _lastLength = 0;
        }
    }

    internal static string Render(CsvImportProgress value, TimeSpan elapsed)
    {
        var share = value.TotalBytes > 0 ? Math.Clamp((double)value.BytesRead / value.TotalBytes, 0, 1) : 1;
        var filled = (int)Math.Round(share * BarWidth);
        var rate = elapsed.TotalSeconds > 0 ? value.Rows / elapsed.TotalSeconds : 0;
        var phase = value.Phase == CsvImportPhase.Validating ? "checking" : "importing";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Path.GetFileName(value.Path)} {phase} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {share * 100,5:0.0}%  {value.Rows:N0} rows  {rate:N0} rows/s");
    }

    private void Draw(string line)
    {
        var padding = Math.Max(0, _lastLength - line.Length);
        output.Write('\r' + line + new string(' ', padding));
        output.Flush();
        _lastLength = line.Length;
    }
}
