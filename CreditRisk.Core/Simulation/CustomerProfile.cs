namespace CreditRisk.Core.Simulation;

/// <summary>How a customer settles the statement when nothing is wrong.</summary>
internal enum PayerType
{
    /// <summary>Pays the statement in full.</summary>
    Transactor,

    /// <summary>Pays part of the balance and revolves the rest.</summary>
    Revolver,

    /// <summary>Pays little more than the minimum due.</summary>
    MinimumPayer,
}

/// <summary>When in the cycle a customer pays.</summary>
internal enum PaymentHabit
{
    SoonAfterStatement,
    AfterSalary,
    NearDueDate,
}

/// <summary>A recurring bill charged to the card on the same day each month.</summary>
internal sealed record RecurringBill(string Mcc, int MerchantIndex, int DayOfMonth, double Amount, double Variation);

/// <summary>The latent and static traits of one simulated customer, drawn once before the period starts.</summary>
internal sealed record CustomerProfile
{
    public required int Index { get; init; }

    public required string Id { get; init; }

    public required string FullName { get; init; }

    public required string Phone { get; init; }

    public required bool WhatsAppOptIn { get; init; }

    public DateTimeOffset? WhatsAppOptInAt { get; init; }

    public required decimal CreditLimit { get; init; }

    public required DateOnly OpenedOn { get; init; }

    /// <summary>Typical monthly card spend (currency units).</summary>
    public required double MonthlySpend { get; init; }

    /// <summary>Multiplier on every category's median ticket.</summary>
    public required double TicketScale { get; init; }

    public required double PurchasesPerMonth { get; init; }

    public required double CashWithdrawalsPerMonth { get; init; }

    /// <summary>Per everyday category (same order as <see cref="MerchantCatalog.Everyday"/>); 0 when the customer never shops there.</summary>
    public required double[] CategoryWeights { get; init; }

    /// <summary>Per everyday category, the merchants the customer keeps going back to, favourite first.</summary>
    public required int[][] RegularMerchants { get; init; }

    public required IReadOnlyList<RecurringBill> Bills { get; init; }

    public required PayerType PayerType { get; init; }

    public required PaymentHabit PaymentHabit { get; init; }

    /// <summary>Day of month the salary arrives (1 = first day, 31 = last day of the month).</summary>
    public required int SalaryDay { get; init; }

    /// <summary>Share of the balance above the minimum that a revolver usually pays.</summary>
    public required double PartialShare { get; init; }

    /// <summary>Chance per cycle of paying a few days late for no financial reason.</summary>
    public required double ForgetfulLateChance { get; init; }

    /// <summary>Chance per cycle of forgetting the payment altogether.</summary>
    public required double ForgetfulSkipChance { get; init; }

    public required decimal OpeningBalance { get; init; }

    /// <summary>
    /// Utilisation (0–1) the customer is comfortable carrying: near it they slow their spending and, when above it,
    /// pay extra to get back under. Stress erodes it towards 1.
    /// </summary>
    public required double ComfortUtilisation { get; init; }

    /// <summary>Expected trips per year (hotel, airline, restaurants, travel cash).</summary>
    public required double TripsPerYear { get; init; }

    /// <summary>Expected one-off large purchases per year (electronics, jewellery, furniture-sized tickets).</summary>
    public required double BigTicketsPerYear { get; init; }

    /// <summary>Expected quiet spells per year (spend on another card, travel without the card).</summary>
    public required double QuietSpellsPerYear { get; init; }

    /// <summary>The healthy behaviour the customer was given on top of the ordinary traits (see <see cref="BookSegments"/>).</summary>
    public BookSegment Segment { get; init; } = BookSegment.Ordinary;

    /// <summary>When a <see cref="BookSegment.CardSwitcher"/> moves their everyday spending to another card.</summary>
    public CardSwitch? Switch { get; init; }

    /// <summary>The financial-stress episode, if this customer has one.</summary>
    public StressEpisode? Stress { get; init; }

    /// <summary>Day index of an abrupt default with no behavioural warning (job loss, death, fraud), if any.</summary>
    public int? ShockDay { get; init; }

    /// <summary>The utilisation the customer is comfortable carrying under stress of <paramref name="intensity"/>: stress erodes it towards 1.</summary>
    public double ComfortLevel(double intensity) => ComfortUtilisation + (1 - ComfortUtilisation) * intensity;

    /// <summary>Share of the customer's everyday spending (purchases, big tickets, cash) that still goes on this card on <paramref name="day"/>.</summary>
    public double CardShareOfSpend(int day) => Switch is { } change && day >= change.Day ? change.RetainedShare : 1;

    /// <summary>Strength of visible stress signals at <paramref name="day"/> (0 = none, 1 = fully visible).</summary>
    public double StressIntensity(int day) => Stress?.Intensity(day) ?? 0;

    /// <summary>True once the customer has stopped paying (a stressed customer past the miss point, or after a shock).</summary>
    public bool IsInDistress(int day) =>
        (Stress is { MissDay: { } miss } && day >= miss) || (ShockDay is { } shock && day >= shock);
}
