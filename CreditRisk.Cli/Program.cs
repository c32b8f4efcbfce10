using System.CommandLine;
using CreditRisk.Cli.Commands;
using CreditRisk.Core.Persistence;

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
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
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
