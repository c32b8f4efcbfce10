using System.CommandLine;
using System.Globalization;
using CreditRisk.Cli.Commands;
using CreditRisk.Core.Persistence;

// Output is read by scripts and by people who type numbers back: under a German or Thai culture "--holdout 1.5" was
// echoed "1,5" and dates came out in the Buddhist calendar. The arguments and files are read invariantly too.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

var root = new RootCommand("creditrisk — batch commands for the CreditRisk early-warning system");
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(ApiKeyCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(EarlyWarningCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(StoreCommand.Create());

try
{
    // The default handler would print a stack trace; an earlier version's store, or one another process holds, is the
    // user's situation, not a bug.
    // Ctrl-C or SIGTERM cancels the command's token and gives it this long to clean up (an early-warning replay deletes
    // its temporary stores, an import stops between batches); without it the process was killed on the spot.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = TimeSpan.FromSeconds(15),
    });
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("Cancelled.");
    return 130;
}
catch (Exception ex) when (ex is EarlierStoreFoundException or CreditRisk.Core.Persistence.Sqlite.StoreInUseException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    await Console.Error.WriteLineAsync($"Unhandled exception: {ex}");
    return 1;
}
