using CreditRisk.Core.Audit;

namespace CreditRisk.Core.Persistence;

public interface IAuditLog
{
    Task AddAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>Entries newest first, optionally only those whose action starts with <paramref name="actionPrefix"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string? actionPrefix, int skip, int take, CancellationToken ct = default);
}
