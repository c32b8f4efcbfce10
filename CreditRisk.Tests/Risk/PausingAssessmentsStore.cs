using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Risk;

/// <summary>
/// A store on which one pipeline run can be stopped at a chosen point — just after it read the customers' current
/// risk, or just before it stores its assessments — while another app instance runs, then let go: two instances
/// interleaved in a chosen order, without timing.
/// </summary>
internal sealed class PausingAssessmentsStore(ICreditRiskStore inner) : DelegatingStore(inner)
{
    private Pause? _afterCurrentRead;
    private Pause? _beforeWrite;

    public override IRiskAssessmentRepository Assessments => new PausingAssessments(this, Inner.Assessments);

    /// <summary>Stops the next run after its current-risk read (it has read the profiles too, and saved nothing yet).</summary>
    public Pause PauseAfterCurrentRead() => _afterCurrentRead = new Pause();

    /// <summary>Stops the next run just before it stores its assessments (its profile is saved, its alert raised).</summary>
    public Pause PauseBeforeWrite() => _beforeWrite = new Pause();

    /// <summary>One stop: <see cref="Reached"/> completes when the run gets there; it goes on at <see cref="Release"/>.</summary>
    internal sealed class Pause
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.TrySetResult();

        public async Task WaitHereAsync(CancellationToken ct)
        {
            Reached.TrySetResult();
            await _release.Task.WaitAsync(ct);
        }
    }

    private sealed class PausingAssessments(PausingAssessmentsStore owner, IRiskAssessmentRepository inner) : DelegatingAssessments(inner)
    {
        public override async Task<IReadOnlyDictionary<string, CustomerRisk>> GetCurrentManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default)
        {
            var read = await Inner.GetCurrentManyAsync(customerIds, ct);
            if (Interlocked.Exchange(ref owner._afterCurrentRead, null) is { } pause)
            {
                await pause.WaitHereAsync(ct);
            }

            return read;
        }

        public override async Task AddManyAsync(IReadOnlyCollection<RiskAssessment> assessments, CancellationToken ct = default)
        {
            if (Interlocked.Exchange(ref owner._beforeWrite, null) is { } pause)
            {
                await pause.WaitHereAsync(ct);
            }

            await Inner.AddManyAsync(assessments, ct);
        }
    }
}
