using System.CommandLine;
using CreditRisk.Cli.Commands;
using CreditRisk.Tests.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Cli;

public sealed class SimulateCommandTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 17, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public void Invoke_ValidArguments_WritesAllFilesAndPrintsASummary()
    {
        using var directory = new TempDirectory();

        var (exitCode, output, error) = Run("simulate", "--customers", "25", "--months", "4", "--seed", "3", "--out", directory.Path, "--end-date", "2026-01-01");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        foreach (var file in new[] { "customers.csv", "transactions.csv", "statements.csv", "labels.csv", "delinquency_events.csv" })
        {
            Assert.True(File.Exists(Path.Combine(directory.Path, file)), file);
        }

        Assert.Contains("customers    25", output);
        Assert.Contains("statements   125", output);
        Assert.Contains("period       2025-09-01 .. 2025-12-31", output);
        Assert.Contains("delinquent", output);
        Assert.Contains("duration", output);
        Assert.Equal(26, File.ReadAllLines(Path.Combine(directory.Path, "customers.csv")).Length);
    }

    [Fact]
    public void Invoke_WithoutEndDate_EndsAtTheFirstDayOfTheClocksMonth()
    {
        using var directory = new TempDirectory();

        var (exitCode, output, _) = Run("simulate", "--customers", "3", "--months", "2", "--out", directory.Path);

        Assert.Equal(0, exitCode);
        Assert.Contains("period       2026-01-01 .. 2026-02-28", output);
    }

    [Theory]
    [InlineData("--customers", "0", "--customers must be a whole number, at least 1 (got '0')")]
    [InlineData("--customers", "abc", "--customers must be a whole number, at least 1 (got 'abc')")] // threw, with a stack trace
    [InlineData("--customers", "99999999999", "--customers must be a whole number, at least 1")]
    [InlineData("--months", "0", "--months must be a whole number from 1 to 60")]
    [InlineData("--months", "61", "--months must be a whole number from 1 to 60")]
    [InlineData("--months", "x", "--months must be a whole number from 1 to 60 (got 'x')")]
    [InlineData("--outcome-days", "1.5", "--outcome-days must be a whole number from 1 to 730 (got '1.5')")]
    [InlineData("--seed", "seven", "--seed must be a whole number (got 'seven')")]
    [InlineData("--end-date", "01/03/2026", "--end-date must be a date in the form yyyy-MM-dd")]
    [InlineData("--end-date", "0001-01-01", "--end-date must be after 2000-01-01 and at most 2100-01-01 (got '0001-01-01')")] // a stack trace
    [InlineData("--end-date", "9999-12-31", "--end-date must be after 2000-01-01 and at most 2100-01-01")] // a stack trace, header-only files left
    [InlineData("--end-date", "2000-06-01", "--end-date 2000-06-01 with --months 12 starts the period before 2000-01-01")]
    public void Invoke_InvalidArgument_FailsWithAClearMessageAndWritesNothing(string option, string value, string message)
    {
        using var directory = new TempDirectory();
        var target = Path.Combine(directory.Path, "out");

        var args = new List<string> { "simulate", option, value, "--out", target };
        if (option != "--customers")
        {
            args.AddRange(["--customers", "5"]);
        }

        var (exitCode, _, error) = Run([.. args]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error);
        Assert.DoesNotContain("System.", error); // no .NET type names, no stack trace
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void Invoke_OutIsUnderAFile_FailsWithAClearMessage()
    {
        using var directory = new TempDirectory();
        var blocker = Path.Combine(directory.Path, "not-a-directory");
        File.WriteAllText(blocker, "x");

        var (exitCode, _, error) = Run("simulate", "--customers", "5", "--out", Path.Combine(blocker, "data"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Cannot write to --out", error);
    }

    [Fact]
    public void Invoke_WithoutOut_Fails()
    {
        var (exitCode, _, error) = Run("simulate", "--customers", "5");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--out", error);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { SimulateCommand.Create(Clock) };
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
