using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Core.Statements;

namespace CreditRisk.Core.Persistence.Migration;

/// <summary>
/// Copies an earlier version's LiteDB store into a new, empty SQLite store: every customer with their snapshot,
/// statements, transactions (applied or pending), profile (with its version), assessment history, current risk and
/// alerts, then inbound messages, models, users, roles, API keys, audit, settings and the development outbox.
/// Reads go through the store ports where they list everything; the few collections no port lists are read raw.
/// </summary>
public sealed class LiteDbToSqliteMigration(LiteDbCreditRiskStore source, SqliteCreditRiskStore target)
{
    private const int CustomersPerPage = 500;
    private const int RowsPerPage = 1_000;

    /// <summary>Copies everything; throws if the target already holds customers or users (a migration runs once, into a new file).</summary>
    public async Task<StoreMigrationReport> RunAsync(IProgress<long>? customersCopied = null, CancellationToken ct = default)
    {
        if (await target.Customers.CountAsync(ct) > 0 || (await target.Roles.ListAsync(ct)).Count > 0)
        {
            throw new InvalidOperationException($"The SQLite store '{target.FilePath}' already holds data; migrate into a new file.");
        }

        var customers = await CopyCustomersAsync(customersCopied, ct);
        await CopyInboundMessagesAsync(ct);
        var models = await CopyModelsAsync(ct);
        var users = await CopyIdentityAsync(ct);
        await CopyAuditAsync(ct);
        await CopySettingsAsync(ct);
        await CopyOutboxAsync(ct);
        return new StoreMigrationReport(
            customers,
            await target.Transactions.CountAsync(ct),
            await target.Statements.CountAsync(ct),
            models,
            users);
    }

    private async Task<long> CopyCustomersAsync(IProgress<long>? progress, CancellationToken ct)
    {
        long copied = 0;
        string? after = null;
        while (true)
        {
            var ids = await source.Customers.ListIdsAsync(after, CustomersPerPage, ct);
            if (ids.Count == 0)
            {
                return copied;
            }

            await CopyPageAsync(ids, ct);
            copied += ids.Count;
            after = ids[^1];
            progress?.Report(copied);
        }
    }

    private async Task CopyPageAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        await target.Customers.UpsertManyAsync([.. (await source.Customers.GetManyAsync(ids, ct)).Values], ct);
        await target.Snapshots.UpsertManyAsync([.. (await source.Snapshots.GetManyAsync(ids, ct)).Values], ct);
        var statements = (await source.Statements.ListForCustomersAsync(ids, int.MaxValue, ct)).Values.SelectMany(s => s).ToList();
        await target.Statements.UpsertManyAsync(statements, ct);

        // Stored statements start pending; only those the source still had pending stay so.
        var pendingStatements = (await source.Statements.ListPendingAsync(ids, ct)).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        await target.Statements.MarkAppliedAsync([.. statements.Where(s => !pendingStatements.Contains(s.Id)).Select(PendingStatement.Of)], ct);

        var transactions = new List<Transactions.Transaction>();
        var history = new List<Risk.RiskAssessment>();
        var alerts = new List<Alerts.Alert>();
        foreach (var id in ids)
        {
            transactions.AddRange(await source.Transactions.ListRecentForCustomerAsync(id, 0, int.MaxValue, ct));
            history.AddRange((await source.Assessments.ListHistoryAsync(id, int.MaxValue, ct)).Reverse());
            alerts.AddRange((await source.Alerts.ListForCustomerAsync(id, int.MaxValue, ct)).Reverse());
        }

        // One commit for the page's alerts, oldest first per customer, as they were raised.
        await target.Alerts.TryAddManyAsync(alerts, ct);

        // A transaction with no applied time is pending only if it carries LiteDB's pending key; without it, it was
        // stored before the applied marker existed and counts as applied (its receipt time stands in).
        var pending = source.PendingTransactionIds(transactions.Where(t => t.AppliedAt is null).Select(t => t.Id));
        await target.Transactions.InsertNewAsync(
            [.. transactions.Select(t => t.AppliedAt is null && !pending.Contains(t.Id) ? t with { AppliedAt = t.ReceivedAt } : t)], ct);
        await target.ProfileImport.ImportAsync([.. (await source.Profiles.GetManyAsync(ids, ct)).Values], ct);

        // History oldest first, then the current rows as they were: a current row may come from a newer profile
        // than the newest history entry (several app instances), so it is copied rather than re-derived.
        await target.Assessments.AddManyAsync(history, ct);
        await target.CurrentRiskImport.ImportCurrentAsync([.. (await source.Assessments.GetCurrentManyAsync(ids, ct)).Values], ct);
    }

    /// <summary>
    /// Every message, read raw: one from an unknown number has no customer, and one whose customer is no longer
    /// stored has none to list it by, so copying them per customer left both behind.
    /// </summary>
    private async Task CopyInboundMessagesAsync(CancellationToken ct)
    {
        foreach (var message in source.ReadAllInboundMessages())
        {
            await target.InboundMessages.TryAddAsync(message, ct);
        }
    }

    private async Task<int> CopyModelsAsync(CancellationToken ct)
    {
        // Oldest first: adding a champion demotes the one before it, so the last champion added is the one that was.
        var versions = (await source.Models.ListAsync(ct)).Reverse().ToList();
        foreach (var listed in versions)
        {
            var version = await source.Models.GetAsync(listed.Id, ct)
                ?? throw new InvalidOperationException($"Model version {listed.Id} is listed but cannot be read.");
            await target.Models.AddAsync(version, ct);
        }

        return versions.Count;
    }

    private async Task<int> CopyIdentityAsync(CancellationToken ct)
    {
        foreach (var role in await source.Roles.ListAsync(ct))
        {
            await target.Roles.TryCreateAsync(role, ct);
        }

        var users = source.ReadAllUsers();
        foreach (var user in users)
        {
            if (!await target.Users.TryCreateAsync(user, ct))
            {
                throw new InvalidOperationException($"User {user.Id} could not be copied: its id or user name is taken.");
            }
        }

        foreach (var key in (await source.ApiKeys.ListAsync(ct)).Reverse())
        {
            await target.ApiKeys.AddAsync(key, ct);
        }

        return users.Count;
    }

    private async Task CopyAuditAsync(CancellationToken ct)
    {
        for (var skip = 0; ; skip += RowsPerPage)
        {
            var page = await source.Audit.ListAsync(null, skip, RowsPerPage, ct);
            foreach (var entry in page)
            {
                await target.Audit.AddAsync(entry, ct);
            }

            if (page.Count < RowsPerPage)
            {
                return;
            }
        }
    }

    /// <summary>Settings start again at version 1: the version only guards an edit in progress, and none is during a migration.</summary>
    private async Task CopySettingsAsync(CancellationToken ct)
    {
        foreach (var setting in source.ReadAllSettings())
        {
            await target.Settings.TrySaveAsync(setting.Key, setting.Json, 0, setting.UpdatedAt, ct);
        }
    }

    private async Task CopyOutboxAsync(CancellationToken ct)
    {
        for (var skip = 0; ; skip += RowsPerPage)
        {
            var page = await source.DevelopmentOutbox.ListAsync(skip, RowsPerPage, ct);
            foreach (var message in page)
            {
                await target.DevelopmentOutbox.AddAsync(message, ct);
            }

            if (page.Count < RowsPerPage)
            {
                return;
            }
        }
    }
}

/// <summary>What a migration copied.</summary>
public sealed record StoreMigrationReport(long Customers, long Transactions, long Statements, int Models, int Users);
