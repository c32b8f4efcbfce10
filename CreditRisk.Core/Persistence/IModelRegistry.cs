using CreditRisk.Core.Scoring;

namespace CreditRisk.Core.Persistence;

public interface IModelRegistry
{
    /// <summary>Stores a version with its bytes; one added as champion demotes the previous champion of its <see cref="ModelFamily"/>.</summary>
    Task AddAsync(ModelVersion version, CancellationToken ct = default);

    Task<ModelVersion?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>The behavioural champion (the snapshot family's is found through <see cref="ListAsync"/>).</summary>
    Task<ModelVersion?> GetChampionAsync(CancellationToken ct = default);

    /// <summary>All versions, newest first, with <see cref="ModelVersion.ModelBytes"/> left empty.</summary>
    Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken ct = default);

    /// <summary>Makes <paramref name="id"/> the only champion of its <see cref="ModelFamily"/>. Returns false when no such version exists.</summary>
    Task<bool> PromoteAsync(string id, DateTimeOffset at, CancellationToken ct = default);
}
