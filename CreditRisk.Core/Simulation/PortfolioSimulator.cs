using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Simulation;

/// <summary>
/// Generates a synthetic credit-card portfolio with latent financial stress (see docs/simulation.md). Customers are
/// produced lazily one at a time, each from its own seeded random streams, so memory stays flat and the same
/// options always give the same portfolio.
/// </summary>
public sealed class PortfolioSimulator(TimeProvider timeProvider)
{
    /// <summary>The exclusive end date the options resolve to: <see cref="SimulationOptions.EndDate"/> or the first day of the current UTC month.</summary>
    public DateOnly ResolveEndDate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.EndDate is { } end)
        {
            return end;
        }

        var now = timeProvider.GetUtcNow();
        return new DateOnly(now.Year, now.Month, 1);
    }

    /// <summary>Customers in id order; enumerate once and stream them to storage or <see cref="SimulationCsvWriter"/>.</summary>
    /// <exception cref="ValidationException">The options are out of range.</exception>
    public IEnumerable<SimulatedCustomer> Generate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        var period = SimulationPeriod.Create(ResolveEndDate(options), options.Months);
        return Enumerate(options, period);
    }

    private static IEnumerable<SimulatedCustomer> Enumerate(SimulationOptions options, SimulationPeriod period)
    {
        for (var index = 0; index < options.Customers; index++)
        {
            var profile = CustomerProfileFactory.Create(index, options.Seed, period);
            var (customer, transactions, statements, firstDelinquency) = CustomerSimulation.Run(profile, period, options.Seed);
            yield return new SimulatedCustomer
            {
                Customer = customer,
                Transactions = transactions,
                Statements = statements,
                FirstDelinquencyDate = firstDelinquency,
                Labels = LabelBuilder.Build(customer.Id, index, firstDelinquency, period, options),
            };
        }
    }
}
