namespace CreditRisk.Core.Simulation;

/// <summary>Draws each customer's static traits and latent stress process. All figures are documented in docs/simulation.md.</summary>
internal static class CustomerProfileFactory
{
    /// <summary>Median monthly card spend (INR-sized); the scale every ticket and limit is tied to.</summary>
    private const double MedianMonthlySpend = 18_000;

    /// <summary>Stress may begin up to this many days before the period, so early-period delinquencies exist too.</summary>
    private const int StressLookbackDays = 60;

    /// <summary>Monthly stress hazard: logistic in a latent fragility score, payer type and opening utilisation.</summary>
    private const double StressHazardIntercept = -4.75;

    /// <summary>Monthly hazard of an abrupt default that no behaviour foreshadows.</summary>
    private const double ShockHazardPerMonth = 0.0016;

    private static readonly int[] SalaryDays = [1, 31, 7];

    public static CustomerProfile Create(int index, int seed, SimulationPeriod period)
    {
        var random = SimulationRandom.For(seed, index, SimulationRandom.Purpose.Profile);
        var id = $"C{index + 1:D6}";

        var monthlySpend = Math.Clamp(random.LogNormal(MedianMonthlySpend, 0.55), 3_000, 300_000);
        var relativeSpend = monthlySpend / MedianMonthlySpend;
        var creditLimit = (decimal)Math.Clamp(Math.Round(monthlySpend * random.Uniform(2.2, 5.0) / 5_000) * 5_000, 15_000, 900_000);

        var payerType = (PayerType)random.Pick([0.45, 0.38, 0.17]);
        var comfort = payerType switch
        {
            PayerType.Transactor => 0.95,
            PayerType.Revolver => random.Uniform(0.2, 0.55),
            _ => random.Uniform(0.4, 0.75),
        };
        var openingUtilisation = payerType switch
        {
            PayerType.Transactor => Math.Min(0.9, monthlySpend * random.Uniform(0.6, 1.2) / (double)creditLimit),
            PayerType.Revolver => comfort * random.Uniform(0.6, 1.05),
            _ => comfort * random.Uniform(0.8, 1.05),
        };

        var openedOn = period.Start.AddDays(-(90 + (int)Math.Min(random.Exponential(4 * 365), 20 * 365)));
        var optIn = random.Chance(0.85);
        DateTimeOffset? optInAt = null;
        if (optIn)
        {
            var earliest = Math.Max(openedOn.DayNumber, period.Start.DayNumber - 730);
            var day = DateOnly.FromDayNumber(random.NextInt(earliest, period.Start.DayNumber));
            optInAt = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(random.NextInt(0, 86_400));
        }

        var categories = MerchantCatalog.Everyday;
        var weights = new double[categories.Length];
        var regulars = new int[categories.Length][];
        for (var c = 0; c < categories.Length; c++)
        {
            var category = categories[c];
            var usage = category.Mcc switch
            {
                "5411" => 1.0,
                "5541" => 0.7,
                _ => category.Kind switch
                {
                    SpendKind.Essential => 0.85,
                    SpendKind.Discretionary => 0.75,
                    _ => 0.5,
                },
            };
            weights[c] = random.Chance(usage) ? category.Weight * random.LogNormal(1, 0.5) : 0;
            regulars[c] = DistinctMerchants(random, category.MerchantPool, 1 + random.Poisson(1.5));
        }

        var bills = new List<RecurringBill>();
        if (random.Chance(0.85))
        {
            bills.Add(new RecurringBill("4814", random.NextInt(0, MerchantCatalog.BillPools["4814"]), random.NextInt(1, 29), Math.Round(random.LogNormal(600, 0.4)), 0.02));
        }

        if (random.Chance(0.55))
        {
            bills.Add(new RecurringBill("4900", random.NextInt(0, MerchantCatalog.BillPools["4900"]), random.NextInt(1, 29), random.LogNormal(1_800, 0.5) * Math.Sqrt(relativeSpend), 0.25));
        }

        if (random.Chance(0.45))
        {
            double[] plans = [149, 199, 299, 499, 649];
            bills.Add(new RecurringBill("4899", random.NextInt(0, MerchantCatalog.BillPools["4899"]), random.NextInt(1, 29), plans[random.NextInt(0, plans.Length)], 0));
        }

        var cashPerMonth = random.NextDouble() switch
        {
            < 0.74 => 0.03,
            < 0.965 => random.LogNormal(0.35, 0.5),
            _ => random.LogNormal(2, 0.4),
        };

        var fragility = random.Normal();
        var stressLogit = StressHazardIntercept + 0.9 * fragility + 1.2 * (openingUtilisation - 0.4) + payerType switch
        {
            PayerType.Transactor => -0.7,
            PayerType.Revolver => 0.3,
            _ => 0.9,
        };
        var stressHazard = 1 / (1 + Math.Exp(-stressLogit));
        var stress = DrawStress(random, stressHazard, period);

        var shockHazard = ShockHazardPerMonth * payerType switch
        {
            PayerType.Transactor => 0.6,
            PayerType.Revolver => 1.2,
            _ => 1.8,
        };
        var shockDay = (int)random.Exponential(30.4 / shockHazard);
        var openingBalance = (decimal)Math.Round(openingUtilisation * (1 + 0.3 * (stress?.Intensity(0) ?? 0)) * (double)creditLimit, 2);

        var profile = new CustomerProfile
        {
            Index = index,
            Id = id,
            FullName = NameGenerator.Next(random),
            Phone = FictionalPhoneNumbers.For(index),
            WhatsAppOptIn = optIn,
            WhatsAppOptInAt = optInAt,
            CreditLimit = creditLimit,
            OpenedOn = openedOn,
            MonthlySpend = monthlySpend,
            TicketScale = Math.Pow(relativeSpend, 0.6),
            PurchasesPerMonth = 9 * Math.Pow(relativeSpend, 0.4) * random.LogNormal(1, 0.35),
            CashWithdrawalsPerMonth = cashPerMonth,
            CategoryWeights = weights,
            RegularMerchants = regulars,
            Bills = bills,
            PayerType = payerType,
            PaymentHabit = (PaymentHabit)random.Pick([0.25, 0.5, 0.25]),
            SalaryDay = SalaryDays[random.Pick([0.55, 0.3, 0.15])],
            PartialShare = payerType == PayerType.MinimumPayer ? random.Beta(1, 6) : random.Beta(2, 3),
            ForgetfulLateChance = random.Beta(1.2, 20),
            ForgetfulSkipChance = random.Beta(1.5, 25),
            OpeningBalance = openingBalance,
            ComfortUtilisation = comfort,
            TripsPerYear = random.Chance(0.35) ? 0.1 : random.LogNormal(1.2, 0.6),
            BigTicketsPerYear = random.LogNormal(0.5, 0.7),
            QuietSpellsPerYear = random.LogNormal(0.8, 0.7),
            Stress = stress,
            ShockDay = shockDay < period.Days ? shockDay : null,
        };
        return BookSegments.Apply(profile, seed, period);
    }

    private static StressEpisode? DrawStress(SimulationRandom random, double monthlyHazard, SimulationPeriod period)
    {
        var onset = -StressLookbackDays + (int)random.Exponential(30.4 / monthlyHazard);
        if (onset >= period.Days)
        {
            return null;
        }

        var severity = random.Beta(2, 2);
        var defaults = random.Chance(0.3 + 0.45 * severity);
        var visibility = random.Chance(0.35) ? random.Uniform(0.05, 0.3) : random.Uniform(0.3, 0.9);
        var style = random.Chance(0.55) ? StressStyle.Borrow : StressStyle.Cutback;
        if (defaults)
        {
            var lead = Math.Clamp(random.LogNormal(75, 0.5), 20, 240);
            return new StressEpisode
            {
                OnsetDay = onset,
                RampDays = lead * random.Uniform(0.4, 1.0),
                Visibility = visibility,
                Style = style,
                MissDay = onset + (int)lead,
            };
        }

        return new StressEpisode
        {
            OnsetDay = onset,
            RampDays = random.Uniform(20, 90),
            Visibility = visibility,
            Style = style,
            RecoveryDay = onset + random.NextInt(50, 200),
            FadeDays = random.Uniform(30, 90),
        };
    }

    private static int[] DistinctMerchants(SimulationRandom random, int pool, int count)
    {
        count = Math.Min(count, pool);
        var chosen = new int[count];
        for (var i = 0; i < count; i++)
        {
            int candidate;
            do
            {
                candidate = random.NextInt(0, pool);
            }
            while (Array.IndexOf(chosen, candidate, 0, i) >= 0);

            chosen[i] = candidate;
        }

        return chosen;
    }
}
