using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CreditRisk.Core.Simulation;
using CreditRisk.Core.Snapshots;

namespace CreditRisk.Cli.Commands;

/// <summary>
/// <c>creditrisk simulate</c>: writes a synthetic portfolio (customers, transactions, statements, labels,
/// delinquency events) as CSV, for training, evaluation and demos; with <c>--snapshot FILE</c>, a customer-level
/// snapshot of the same portfolio (docs/data-formats.md).
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Import refuses data dated before 2000 (docs/data-formats.md), so a period may not start earlier.</summary>
    private static readonly DateOnly EarliestStart = new(2000, 1, 1);

    /// <summary>A bound well inside the calendar: statements and due dates run past the end (9999-12-31 crashed).</summary>
    private static readonly DateOnly LatestEnd = new(2100, 1, 1);

    public static Command Create(TimeProvider? timeProvider = null)
    {
        var clock = timeProvider ?? TimeProvider.System;
        var customers = new Option<int>("--customers", "-n")
        {
            Description = "Number of customers (at least 1)",
            DefaultValueFactory = _ => 1_000,
            CustomParser = WholeNumberOption.Parser("--customers", min: 1),
        };

        var months = new Option<int>("--months", "-m")
        {
            Description = "Length of the period in months (1–60)",
            DefaultValueFactory = _ => 12,
            CustomParser = WholeNumberOption.Parser("--months", min: 1, max: 60),
        };

        var seed = new Option<int>("--seed", "-s")
        {
            Description = "Random seed; the same seed and options give byte-identical files",
            DefaultValueFactory = _ => 42,
            CustomParser = WholeNumberOption.Parser("--seed"),
        };

        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Directory to write the CSV files to (created if missing); --out and/or --snapshot is required",
        };
        var snapshot = new Option<FileInfo?>("--snapshot")
        {
            Description = "Also (or only) write a customer-level snapshot CSV of the portfolio, as of one month before the end",
            HelpName = "FILE",
        };

        var endDate = new Option<DateOnly?>("--end-date")
        {
            Description = "Exclusive end of the period, yyyy-MM-dd (default: first day of the current month, UTC)",
            CustomParser = r =>
            {
                var text = r.Tokens.Single().Value;
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    r.AddError($"--end-date must be a date in the form yyyy-MM-dd (got '{text}').");
                    return null;
                }

                if (date <= EarliestStart || date > LatestEnd)
                {
                    r.AddError(string.Create(CultureInfo.InvariantCulture, $"--end-date must be after {EarliestStart:yyyy-MM-dd} and at most {LatestEnd:yyyy-MM-dd} (got '{text}')."));
                    return null;
                }

                return date;
            },
        };

        var outcomeDays = new Option<int>("--outcome-days")
        {
            Description = "Outcome window of labels.csv in days (1–730)",
            DefaultValueFactory = _ => 90,
            CustomParser = WholeNumberOption.Parser("--outcome-days", min: 1, max: 730),
        };

        var labelPolicy = new Option<string>("--labels")
        {
            Description = "Observation dates in labels.csv: one-per-customer (one random statement date each) or every-statement (monthly panel)",
            DefaultValueFactory = _ => "one-per-customer",
        };
        labelPolicy.AcceptOnlyFromAmong("one-per-customer", "every-statement");

        var command = new Command("simulate", "Write a synthetic credit-card portfolio with latent financial stress as CSV files")
        {
            customers, months, seed, output, endDate, outcomeDays, labelPolicy, snapshot,
        };

        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var directory = parseResult.GetValue(output);
            var snapshotFile = parseResult.GetValue(snapshot);
            if (directory is null && snapshotFile is null)
            {
                stderr.WriteLine("Name where to write: --out DIR (the portfolio's CSV files) and/or --snapshot FILE (a customer-level snapshot).");
                return 2;
            }

            if (parseResult.GetValue(endDate) is { } end && end.AddMonths(-parseResult.GetValue(months)) < EarliestStart)
            {
                stderr.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--end-date {end:yyyy-MM-dd} with --months {parseResult.GetValue(months)} starts the period before {EarliestStart:yyyy-MM-dd}, which import refuses; choose a later end or fewer months."));
                return 2;
            }

            if (directory is not null && !TryPrepareDirectory(directory, out var problem))
            {
                stderr.WriteLine($"Cannot write to --out '{directory.FullName}': {problem}");
                return 2;
            }

            var options = new SimulationOptions
            {
                Customers = parseResult.GetValue(customers),
                Months = parseResult.GetValue(months),
                Seed = parseResult.GetValue(seed),
                EndDate = parseResult.GetValue(endDate),
                OutcomeWindowDays = parseResult.GetValue(outcomeDays),
                LabelPolicy = parseResult.GetValue(labelPolicy) == "every-statement" ? LabelPolicy.EveryStatement : LabelPolicy.OnePerCustomer,
            };

            var simulator = new PortfolioSimulator(clock);
            var periodEnd = simulator.ResolveEndDate(options);
            var c = CultureInfo.InvariantCulture;
            if (snapshotFile is not null && !WriteSnapshot(simulator, options, periodEnd, snapshotFile, stdout, stderr))
            {
                return 2;
            }

            if (directory is null)
            {
                return 0;
            }

            var stopwatch = Stopwatch.StartNew();
            var summary = SimulationCsvWriter.WriteAll(simulator.Generate(options), directory.FullName);
            stopwatch.Stop();

            stdout.WriteLine(string.Create(c, $"period       {periodEnd.AddMonths(-options.Months):yyyy-MM-dd} .. {periodEnd.AddDays(-1):yyyy-MM-dd} ({options.Months} months, seed {options.Seed})"));
            stdout.WriteLine(string.Create(c, $"customers    {summary.Customers}"));
            stdout.WriteLine(string.Create(c, $"transactions {summary.Transactions}"));
            stdout.WriteLine(string.Create(c, $"statements   {summary.Statements}"));
            stdout.WriteLine(string.Create(c, $"delinquent   {summary.DelinquentCustomers} ({summary.DelinquencyRate:P1} reached 30+ DPD)"));
            stdout.WriteLine(string.Create(c, $"labels       {summary.LabelRows} rows, {summary.PositiveLabels} positive, {options.OutcomeWindowDays}-day window"));
            stdout.WriteLine(string.Create(c, $"duration     {stopwatch.Elapsed.TotalSeconds:F1} s"));
            stdout.WriteLine($"written to   {directory.FullName}");
            return 0;
        });
        return command;
    }

    private static bool WriteSnapshot(
        PortfolioSimulator simulator, SimulationOptions options, DateOnly end, FileInfo file, TextWriter stdout, TextWriter stderr)
    {
        var asOf = SnapshotSimulation.DefaultAsOf(end);
        try
        {
            if (file.DirectoryName is { } parent)
            {
                Directory.CreateDirectory(parent);
            }

            using var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            var (rows, delinquent) = SnapshotSimulation.Write(simulator.Generate(options), asOf, writer);
            var share = rows == 0 ? 0 : (double)delinquent / rows;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"snapshot     {rows} customers as of {asOf:yyyy-MM-dd}, {delinquent} ({share:P1}) with DPD bucket >= 1 next month, written to {file.FullName}"));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            stderr.WriteLine($"Cannot write --snapshot '{file.FullName}': {ex.Message}");
            return false;
        }
    }

    private static bool TryPrepareDirectory(DirectoryInfo directory, out string problem)
    {
        try
        {
            Directory.CreateDirectory(directory.FullName);
            var probe = Path.Combine(directory.FullName, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            problem = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            problem = ex.Message;
            return false;
        }
    }
}
