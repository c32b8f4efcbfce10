using CreditRisk.Core.Statements;
using CreditRisk.Core.Training;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// One customer's history in time order and how far the replay has fed it to the pipeline. Statements are sent as the
/// bank knew them: on their date without a payment that came later, then again (replacing the cycle) once the payment
/// date has passed, as <see cref="PointInTimeFeatures"/> sees them for training.
/// </summary>
internal sealed class ReplayCustomer
{
    private readonly CompactTransaction[] _transactions;
    private readonly Statement[] _statements;
    private readonly List<Statement> _awaitingPayment = [];
    private int _nextTransaction;
    private int _nextStatement;

    public ReplayCustomer(CustomerHistory history)
    {
        Id = history.Id;
        CreditLimit = history.CreditLimit;
        _transactions = [.. history.Transactions.OrderBy(t => t.UtcTicks)];
        _statements = [.. history.Statements.OrderBy(s => s.StatementDate)];
    }

    public string Id { get; }

    public decimal CreditLimit { get; }

    /// <summary>Every assessment of this customer, in order.</summary>
    public List<RiskPoint> Timeline { get; } = [];

    /// <summary>The first day with data (UTC), or null when there is none.</summary>
    public DateOnly? FirstDay => Earliest(
        _transactions.Length > 0 ? DateOnly.FromDateTime(new DateTime(_transactions[0].UtcTicks, DateTimeKind.Utc)) : null,
        _statements.Length > 0 ? _statements[0].StatementDate : null);

    /// <summary>The last day with data (UTC), or null when there is none.</summary>
    public DateOnly? LastDay => Latest(
        _transactions.Length > 0 ? DateOnly.FromDateTime(new DateTime(_transactions[^1].UtcTicks, DateTimeKind.Utc)) : null,
        _statements.Length > 0 ? _statements[^1].StatementDate : null);

    /// <summary>
    /// Adds what arrived before <paramref name="stepEnd"/> (a UTC midnight) and was not sent yet; returns whether
    /// anything was added.
    /// </summary>
    public bool TakeUntil(DateTimeOffset stepEnd, List<Transaction> transactions, List<Statement> statements)
    {
        var before = transactions.Count + statements.Count;
        var endTicks = stepEnd.UtcTicks;
        while (_nextTransaction < _transactions.Length && _transactions[_nextTransaction].UtcTicks < endTicks)
        {
            transactions.Add(_transactions[_nextTransaction++].ToTransaction(Id));
        }

        // A statement dated D is issued at the end of D; its payment is known from the day after paid_on.
        var today = DateOnly.FromDateTime(stepEnd.UtcDateTime);
        for (var i = _awaitingPayment.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(PointInTimeFeatures.AsKnownOn(_awaitingPayment[i], today), _awaitingPayment[i]))
            {
                statements.Add(_awaitingPayment[i]);
                _awaitingPayment.RemoveAt(i);
            }
        }

        while (_nextStatement < _statements.Length && _statements[_nextStatement].StatementDate < today)
        {
            var statement = _statements[_nextStatement++];
            var known = PointInTimeFeatures.AsKnownOn(statement, today);
            if (!ReferenceEquals(known, statement))
            {
                _awaitingPayment.Add(statement);
            }

            statements.Add(known);
        }

        return transactions.Count + statements.Count > before;
    }

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateOnly? Latest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
