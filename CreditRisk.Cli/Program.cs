using System.CommandLine;
using CreditRisk.Cli.Commands;

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

return await root.Parse(args).InvokeAsync();
