namespace CreditRisk.Core.Simulation;

/// <summary>A payment the customer will make against a closed statement.</summary>
internal readonly record struct PlannedPayment(int Day, decimal Amount);

/// <summary>
/// Decides, when a statement closes, how much and on which day one customer pays against it: the payer type, the
/// payment habit, forgetfulness, stress (slipping payments) and distress (stopped payments).
/// </summary>
internal sealed class PaymentPlanner(CustomerProfile profile, SimulationPeriod period, SimulationRandom random)
{
    /// <summary>The payment against <paramref name="statement"/>, or null when nothing is paid inside the period.</summary>
    /// <param name="statement">The statement that has just closed.</param>
    /// <param name="nextStatementIndex">Index in <see cref="SimulationPeriod.StatementDates"/> of the statement that closes the cycle the payment falls in.</param>
    public PlannedPayment? Plan(StatementCycle statement, int nextStatementIndex)
    {
        if (statement.MinimumDue <= 0)
        {
            return null;
        }

        var statementDay = period.DayIndex(statement.Date);
        var dueDay = statementDay + CardTerms.GraceDays;
        var nextStatementDay = nextStatementIndex < period.StatementDates.Count
            ? period.DayIndex(period.StatementDates[nextStatementIndex])
            : statementDay + 28;
        var lastDay = nextStatementDay - 1;
        var intensity = profile.StressIntensity(dueDay);
        decimal amount;
        int day;

        if (profile.IsInDistress(dueDay))
        {
            var roll = random.NextDouble();
            if (roll < 0.78)
            {
                return null;
            }

            amount = roll < 0.90
                ? Math.Round(statement.MinimumDue * (decimal)random.Uniform(0.2, 0.8) / 100) * 100
                : statement.MinimumDue;
            if (amount <= 0)
            {
                return null;
            }

            day = statementDay + random.NextInt(3, 27);
        }
        else
        {
            // Someone who forgot last month has had the reminder call and the late fee: they do not forget twice running.
            var forgetful = statement.ArrearsIncluded > 0 ? 0 : profile.ForgetfulSkipChance;
            if (random.Chance(forgetful + 0.12 * intensity))
            {
                return null;
            }

            amount = PaymentAmount(statement, intensity);
            day = random.Chance(profile.ForgetfulLateChance + 0.35 * intensity)
                ? dueDay + random.NextInt(1, 8)
                : PaymentDay(statement, statementDay, dueDay, random.Chance(intensity) ? PaymentHabit.NearDueDate : profile.PaymentHabit);
        }

        day = Math.Clamp(day, statementDay + 1, lastDay);
        if (day >= period.Days)
        {
            return null; // falls after the period: the last statement shows nothing paid yet
        }

        return new PlannedPayment(day, amount);
    }

    private decimal PaymentAmount(StatementCycle statement, double intensity)
    {
        var balance = statement.Balance;
        var minimum = statement.MinimumDue;
        if (profile.Segment == BookSegment.FullLimitTransactor)
        {
            return balance; // always the statement in full
        }

        var roll = random.NextDouble();
        double share;
        switch (profile.PayerType)
        {
            case PayerType.Transactor:
                if (roll < 0.97 - 0.9 * intensity)
                {
                    return balance;
                }

                if (random.Chance(0.5))
                {
                    return WithComfortTopUp(statement, minimum, intensity);
                }

                share = 0.5 * (1 - intensity);
                break;
            case PayerType.Revolver:
                var full = 0.12 * (1 - intensity);
                if (roll < full)
                {
                    return balance;
                }

                if (roll < full + 0.10 + 0.7 * intensity)
                {
                    return WithComfortTopUp(statement, minimum, intensity);
                }

                share = profile.PartialShare * (1 - 0.8 * intensity) * random.LogNormal(1, 0.3);
                break;
            default:
                if (roll < 0.03)
                {
                    return balance;
                }

                if (roll < 0.75 + 0.2 * intensity)
                {
                    return WithComfortTopUp(statement, minimum, intensity);
                }

                share = profile.PartialShare * (1 - intensity);
                break;
        }

        // People pay round amounts above the minimum.
        var partial = minimum + (decimal)Math.Clamp(share, 0, 1) * (balance - minimum);
        partial = Math.Ceiling(partial / 100) * 100;
        return WithComfortTopUp(statement, Math.Clamp(partial, minimum, balance), intensity);
    }

    /// <summary>A healthy customer above their comfort level pays it back down; stress makes them stop bothering.</summary>
    private decimal WithComfortTopUp(StatementCycle statement, decimal amount, double intensity)
    {
        if (random.Chance(intensity))
        {
            return amount;
        }

        var target = (decimal)profile.ComfortUtilisation * profile.CreditLimit;
        var topUp = Math.Ceiling((statement.Balance - target) / 100) * 100;
        return Math.Min(statement.Balance, Math.Max(amount, topUp));
    }

    private int PaymentDay(StatementCycle statement, int statementDay, int dueDay, PaymentHabit habit)
    {
        switch (habit)
        {
            case PaymentHabit.SoonAfterStatement:
                return statementDay + random.NextInt(2, 9);
            case PaymentHabit.AfterSalary:
                var salary = NextSalaryDate(statement.Date);
                var day = period.DayIndex(salary) + random.NextInt(1, 5);
                return day <= dueDay ? day : dueDay - random.NextInt(0, 3);
            default:
                return dueDay - random.NextInt(0, 4);
        }
    }

    private DateOnly NextSalaryDate(DateOnly from)
    {
        for (var monthOffset = 0; monthOffset < 2; monthOffset++)
        {
            var month = from.AddMonths(monthOffset);
            var dayOfMonth = Math.Min(profile.SalaryDay, DateTime.DaysInMonth(month.Year, month.Month));
            var salary = new DateOnly(month.Year, month.Month, dayOfMonth);
            if (salary >= from)
            {
                return salary;
            }
        }

        return from;
    }
}
