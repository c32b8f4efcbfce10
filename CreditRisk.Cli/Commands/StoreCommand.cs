using System.CommandLine;
using System.Globalization;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Persistence.Migration;
using CreditRisk.Core.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CreditRisk.Cli.Commands;

/// <summary>
/// <c>creditrisk store migrate [--from FILE] [--to FILE]</c>: copies an earlier version's LiteDB store into a new SQLite
/// store, by default from <c>Storage:LiteDbPath</c> to <c>Storage:SqlitePath</c>. The copy is written under a temporary
/// name and takes the target's name only once complete, so a failed run never leaves a half store the app would open.
/// </summary>
internal static class StoreCommand
{
    public static Command Create(Func<IHost>? hostFactory = null)
    {
        var buildHost = hostFactory ?? (() => CliHost.Build());
        var from = new Option<FileInfo?>("--from") { Description = "LiteDB file to copy (default Storage:LiteDbPath)" };
        var to = new Option<FileInfo?>("--to") { Description = "SQLite file to create; must not exist (default Storage:SqlitePath)" };
        var migrate = new Command("migrate", "Copy an earlier version's LiteDB store into a new SQLite store") { from, to };
        migrate.SetAction(async (parse, ct) =>
        {
            // Only the options are read: resolving the store would open (or refuse) the very files being migrated.
            using var host = buildHost();
            var options = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var source = Path.GetFullPath(parse.GetValue(from)?.FullName ?? options.LiteDbPath);
            var target = Path.GetFullPath(parse.GetValue(to)?.FullName ?? options.SqlitePath);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!File.Exists(source))
            {
                await error.WriteLineAsync($"There is no LiteDB store at '{source}' to migrate.");
                return 1;
            }

            // LiteDB would take any file as its own: an empty one rewritten as a new store, an SQLite one cut short.
            if (!LiteDbFileHeader.IsLiteDb(source))
            {
                await error.WriteLineAsync($"'{source}' is not a LiteDB store (the file was left as it was); name the LiteDB file with --from.");
                return 1;
            }

            if (File.Exists(target))
            {
                await error.WriteLineAsync($"'{target}' already exists; migrate into a new file (move it away, or name another with --to).");
                return 1;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var report = await MigrateAsync(source, target, error, ct);
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Migrated '{source}' to '{target}': {report.Customers:N0} customers, {report.Transactions:N0} transactions, "
                + $"{report.Statements:N0} statements, {report.Models} model versions, {report.Users} users."));
            await output.WriteLineAsync("Set Storage:Engine=Sqlite (the default) to use it; the LiteDB file is left as it was.");
            return 0;
        });

        return new Command("store", "Manage the embedded store") { migrate };
    }

    private static async Task<StoreMigrationReport> MigrateAsync(string source, string target, TextWriter progress, CancellationToken ct)
    {
        var partial = target + ".migrating";
        DeleteSqliteFiles(partial);
        try
        {
            StoreMigrationReport report;
            await using (var liteDb = new LiteDbCreditRiskStore(source))
            await using (var sqlite = new SqliteCreditRiskStore(partial))
            {
                var copied = new Progress<long>(n => progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n:N0} customers copied")));
                report = await new LiteDbToSqliteMigration(liteDb, sqlite).RunAsync(copied, ct);
            }

            // Closing the store folds its write-ahead log into the file, so the file alone is the store; if a log were
            // left, moving the file without it would lose the copy's last commits.
            if (new FileInfo(partial + "-wal") is { Exists: true, Length: > 0 })
            {
                throw new InvalidOperationException($"The copy's write-ahead log '{partial}-wal' was not folded into the file; nothing was published.");
            }

            File.Move(partial, target);
            DeleteSqliteFiles(partial);
            return report;
        }
        catch
        {
            DeleteSqliteFiles(partial);
            throw;
        }
    }

    private static void DeleteSqliteFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-owner" })
        {
            File.Delete(file);
        }
    }
}
