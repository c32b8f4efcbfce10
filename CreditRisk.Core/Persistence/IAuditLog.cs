using CreditRisk.Core.Audit;

namespace CreditRisk.Core.Persistence;

public interface IAuditLog
{
    Task AddAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>Entries newest first, optionally only those whose action starts with <paramref name="actionPrefix"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string? actionPrefix, int skip, int take, CancellationToken ct = default);

    /// <summary>Entries matching <paramref name="query"/> (actor and action prefix), newest first (ties by id, descending).</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, int skip, int take, CancellationToken ct = default);
}
