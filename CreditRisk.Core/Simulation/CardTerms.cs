namespace CreditRisk.Core.Simulation;

/// <summary>Product terms of the simulated card (typical of Indian card products).</summary>
internal static class CardTerms
{
    /// <summary>Minimum due is this share of the closing balance, but at least <see cref="MinimumDueFloor"/>.</summary>
    public const decimal MinimumDueRate = 0.05m;

    public const decimal MinimumDueFloor = 200m;

    /// <summary>Days from statement date to payment due date.</summary>
    public const int GraceDays = 20;

    /// <summary>Monthly finance charge on revolving balances (3.5% a month, about 42% a year).</summary>
    public const decimal MonthlyInterestRate = 0.035m;

    /// <summary>Cash advance fee: this share of the withdrawal, at least <see cref="CashAdvanceFeeMinimum"/>.</summary>
    public const decimal CashAdvanceFeeRate = 0.025m;

    public const decimal CashAdvanceFeeMinimum = 500m;

    /// <summary>Cash withdrawn in one cycle may not exceed this share of the credit limit.</summary>
    public const decimal CashLimitShare = 0.4m;

    /// <summary>Minimum due on a closing balance, with any overdue amount added on top (capped at the balance).</summary>
    public static decimal MinimumDue(decimal balance, decimal pastDue)
    {
        if (balance <= 0)
        {
            return 0;
        }

        var regular = Math.Max(Money(balance * MinimumDueRate), MinimumDueFloor);
        return Math.Min(balance, regular + pastDue);
    }

    /// <summary>Late payment fee, tiered by the statement balance.</summary>
    public static decimal LateFee(decimal statementBalance) => statementBalance switch
    {
        <= 500 => 0,
        <= 5_000 => 400,
        <= 10_000 => 750,
        <= 25_000 => 950,
        _ => 1_200,
    };

    public static decimal CashAdvanceFee(decimal amount) => Math.Max(Money(amount * CashAdvanceFeeRate), CashAdvanceFeeMinimum);

    public static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static decimal Money(double amount) => Money((decimal)amount);
}
