namespace CreditRisk.Core.Simulation;

/// <summary>
/// Observation dates and labels. An observation date is an in-period statement date from
/// <see cref="SimulationOptions.FirstObservationCycle"/> on whose whole outcome window lies inside the period, and at
/// which the customer has not yet been 30+ DPD. Label 1 when the first 30+ DPD date falls in (as_of, as_of + window].
/// </summary>
internal static class LabelBuilder
{
    public static IReadOnlyList<DelinquencyLabel> Build(
        string customerId, int customerIndex, DateOnly? firstDelinquency, SimulationPeriod period, SimulationOptions options)
    {
        var statements = period.StatementDates;
        var lastObservable = statements[^1];
        var eligible = new List<DateOnly>();
        for (var j = options.FirstObservationCycle; j < statements.Count; j++)
        {
            var asOf = statements[j];
            if (asOf.AddDays(options.OutcomeWindowDays) > lastObservable)
            {
                break;
            }

            if (firstDelinquency is { } first && first <= asOf)
            {
                break; // already delinquent: not a customer the early-warning model is asked about
            }

            eligible.Add(asOf);
        }

        if (eligible.Count == 0)
        {
            return [];
        }

        if (options.LabelPolicy == LabelPolicy.OnePerCustomer)
        {
            var random = SimulationRandom.For(options.Seed, customerIndex, SimulationRandom.Purpose.Labels);
            eligible = [eligible[random.NextInt(0, eligible.Count)]];
        }

        return eligible.ConvertAll(asOf => new DelinquencyLabel
        {
            CustomerId = customerId,
            AsOf = asOf,
            BecameDelinquent = firstDelinquency is { } first && first > asOf && first <= asOf.AddDays(options.OutcomeWindowDays),
        });
    }
}
