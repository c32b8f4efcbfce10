using CreditRisk.Cli.Commands;
using CreditRisk.Core.Ingestion.Csv;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Cli;

public sealed class ImportProgressBarTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly StringWriter _output = new();

    private static CsvImportProgress At(long rows, bool completed = false) =>
        new(CsvImportKind.Transactions, "/data/transactions.csv", CsvImportPhase.Importing, rows * 10, 1000, rows, completed);

    [Fact]
    public void Render_HalfTheBytes_ShowsFileBarRowsAndRate()
    {
        var line = ImportProgressBar.Render(At(50), TimeSpan.FromSeconds(2));

        Assert.Equal("transactions.csv importing [############............]  50.0%  50 rows  25 rows/s", line);
    }

    [Fact]
    public void Report_ManyTimesWithin100Ms_DrawsOnce()
    {
        var bar = new ImportProgressBar(_output, _time);

        bar.Report(At(1));
        _time.Advance(TimeSpan.FromMilliseconds(40));
        bar.Report(At(2));
        _time.Advance(TimeSpan.FromMilliseconds(40));
        bar.Report(At(3));

        Assert.Equal(1, _output.ToString().Count(c => c == '\r'));
    }

    [Fact]
    public void Report_After100Ms_DrawsAgainInPlace()
    {
        var bar = new ImportProgressBar(_output, _time);

        bar.Report(At(1));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        bar.Report(At(2));

        Assert.Equal(2, _output.ToString().Count(c => c == '\r'));
        Assert.DoesNotContain('\n', _output.ToString());
    }

    [Fact]
    public void Report_Completed_WipesTheLine()
    {
        var bar = new ImportProgressBar(_output, _time);
        bar.Report(At(1));
        var drawn = _output.ToString().Length;

        bar.Report(At(100, completed: true));

        var wipe = _output.ToString()[drawn..];
        Assert.Matches(@"^\r +\r$", wipe);
    }
}
