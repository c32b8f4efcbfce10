using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Api;

/// <summary>
/// Holds the next bulk profile read (the pipeline's first read under the customer locks) until the test releases it,
/// honouring the caller's token as a slow store does, so a test can act while the pipeline is mid-run.
/// </summary>
internal sealed class HeldProfileReadsStore(ICreditRiskStore inner) : DelegatingStore(inner)
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    /// <summary>Completes when the held read has started.</summary>
    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override IBehaviorProfileRepository Profiles => new HeldProfiles(this, Inner.Profiles);

    public void HoldNextRead() => Interlocked.Exchange(ref _armed, 1);

    public void Release() => _release.TrySetResult();

    private sealed class HeldProfiles(HeldProfileReadsStore owner, IBehaviorProfileRepository inner) : IBehaviorProfileRepository
    {
        public Task<BehaviorProfile?> GetAsync(string customerId, CancellationToken ct = default) => inner.GetAsync(customerId, ct);

        public async Task<IReadOnlyDictionary<string, BehaviorProfile>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default)
        {
            if (Interlocked.Exchange(ref owner._armed, 0) == 1)
            {
                owner.Held.TrySetResult();
                await owner._release.Task.WaitAsync(ct);
            }

            return await inner.GetManyAsync(customerIds, ct);
        }

        public Task<bool> TrySaveAsync(BehaviorProfile profile, long expectedVersion, CancellationToken ct = default) =>
            inner.TrySaveAsync(profile, expectedVersion, ct);

        public Task<IReadOnlySet<string>> TrySaveManyAsync(IReadOnlyList<ProfileSave> saves, CancellationToken ct = default) =>
            inner.TrySaveManyAsync(saves, ct);
    }
}
