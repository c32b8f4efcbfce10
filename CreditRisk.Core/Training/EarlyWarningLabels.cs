namespace CreditRisk.Core.Training;

/// <summary>
/// Labels for the decision the product makes: warn at least <see cref="LeadDays"/> ahead. Every statement date with
/// <see cref="MinimumPriorStatements"/> earlier statements is an observation (a monthly panel, as behavioural
/// scorecards are built); it is bad when the customer first reaches 30+ days past due between
/// <see cref="LeadDays"/> and <see cref="LeadDays"/> + <see cref="WindowDays"/> days later; dates with the
/// delinquency sooner than the lead are left out, since no warning can come in time there and they would teach the
/// model the late signs of a delinquency already under way (missed payments) instead of the early ones. Built from the
/// statements' days past due with <see cref="StoreLabelRule"/>, so any portfolio with statement history gets them.
/// </summary>
public static class EarlyWarningLabels
{
    public const int LeadDays = 30;

    public const int WindowDays = 120;

    public const int MinimumPriorStatements = 3;

    /// <summary>Fewest rows and bad rows worth training on; below, the data's own labels are kept.</summary>
    public const int MinimumRows = 500;

    public const int MinimumBad = 30;

    /// <summary>
    /// <paramref name="history"/> with its label rows replaced by early-warning labels, or null when its statements do
    /// not give enough of them (too short a history, no statements, too few delinquencies).
    /// </summary>
    public static LabeledHistory? Relabel(LabeledHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (!history.HasStatements)
        {
            return null;
        }

        var labels = new Dictionary<string, List<LabelRow>>(StringComparer.Ordinal);
        int count = 0, bad = 0;
        foreach (var customer in history.Customers.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var observed = StoreLabelRule.Observe(customer.Statements, WindowDays, MinimumPriorStatements, DateOnly.MaxValue, LeadDays);
            labels[customer.Id] = [.. observed.Select(o => new LabelRow(count++, o.AsOf, o.Bad))];
            bad += observed.Count(o => o.Bad);
        }

        if (count < MinimumRows || bad < MinimumBad)
        {
            return null;
        }

        var customers = new Dictionary<string, CustomerHistory>(history.Customers.Count, StringComparer.Ordinal);
        foreach (var (id, customer) in history.Customers)
        {
            var copy = new CustomerHistory(id, customer.CreditLimit);
            copy.Transactions.AddRange(customer.Transactions);
            copy.Statements.AddRange(customer.Statements);
            copy.Labels.AddRange(labels[id]);
            customers[id] = copy;
        }

        return new LabeledHistory(
            customers, count, history.HasTransactions, history.HasStatements,
            $"{history.Source} (early-warning labels: first 30+ DPD {LeadDays + 1}–{LeadDays + WindowDays} days after each statement, {count} rows, {bad} bad)");
    }
}
