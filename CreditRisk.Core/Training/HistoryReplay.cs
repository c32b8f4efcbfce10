using CreditRisk.Core.Features;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Training;

/// <summary>
/// One customer's history replayed forward in time through <see cref="ProfileUpdater"/> (the live code path), one
/// as-of day after another, seen as the bank knew it then (the rules of <see cref="PointInTimeFeatures"/>): each
/// <see cref="AdvanceTo"/> applies the transactions before that day 00:00 UTC and the statements dated before it, a
/// payment made on or after the day not yet known.
/// </summary>
internal sealed class HistoryReplay
{
    private readonly CustomerHistory _customer;
    private readonly List<CompactTransaction> _transactions;
    private readonly List<Statement> _statements;
    private readonly List<Transaction> _txBatch = [];
    private readonly List<Statement> _stBatch = [];
    private readonly List<Statement> _notYetPaid = []; // applied while a payment was still in the future
    private int _t;
    private int _s;

    public HistoryReplay(CustomerHistory customer)
    {
        _customer = customer;
        _transactions = [.. customer.Transactions.OrderBy(t => t.UtcTicks)];
        _statements = [.. customer.Statements.OrderBy(s => s.StatementDate)];
        Profile = ProfileUpdater.Empty(customer.Id);
    }

    public BehaviorProfile Profile { get; private set; }

    /// <summary>The latest statement's limit before the last as-of day, or the customer file's when there is none yet.</summary>
    public decimal? CreditLimit => _s > 0 ? _statements[_s - 1].CreditLimit : _customer.CreditLimit;

    /// <summary>The statement dates of the history, in order.</summary>
    public IEnumerable<DateOnly> StatementDates => _statements.Select(s => s.StatementDate);

    /// <summary>Brings <see cref="Profile"/> to <paramref name="asOf"/>; days must not go backwards.</summary>
    public void AdvanceTo(DateOnly asOf)
    {
        var cutoffTicks = asOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
        _txBatch.Clear();
        _stBatch.Clear();
        while (_t < _transactions.Count && _transactions[_t].UtcTicks < cutoffTicks)
        {
            _txBatch.Add(_transactions[_t++].ToTransaction(_customer.Id));
        }

        for (var i = _notYetPaid.Count - 1; i >= 0; i--)
        {
            var known = PointInTimeFeatures.AsKnownOn(_notYetPaid[i], asOf);
            if (!ReferenceEquals(known, _notYetPaid[i]))
            {
                continue; // still unpaid as of this day: the profile already holds this view
            }

            _stBatch.Add(known);
            _notYetPaid.RemoveAt(i);
        }

        while (_s < _statements.Count && _statements[_s].StatementDate < asOf)
        {
            var statement = _statements[_s++];
            var known = PointInTimeFeatures.AsKnownOn(statement, asOf);
            if (!ReferenceEquals(known, statement))
            {
                _notYetPaid.Add(statement);
            }

            _stBatch.Add(known);
        }

        Profile = ProfileUpdater.Apply(Profile, _txBatch, _stBatch);
    }

    /// <summary>The features as of <paramref name="asOf"/> (after <see cref="AdvanceTo"/> that day).</summary>
    public double?[] Features(DateOnly asOf) => FeatureEngine.Compute(Profile, CreditLimit, PointInTimeFeatures.AssessmentTime(asOf));
}
