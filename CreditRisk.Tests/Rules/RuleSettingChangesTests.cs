using CreditRisk.Core.Rules;

namespace CreditRisk.Tests.Rules;

public sealed class RuleSettingChangesTests
{
    [Fact]
    public void EverySetting_HasWordsOfItsOwn()
    {
        // A setting added without words would reach the audit log under its property name.
        var unlabelled = typeof(RuleSettings).GetProperties().Select(p => p.Name).Where(name => !RuleSettingChanges.HasLabel(name));

        Assert.Empty(unlabelled);
    }

    [Fact]
    public void Describe_EachChangedSetting_InThePagesWordsAndUnits()
    {
        var before = new RuleSettings();
        var after = before with
        {
            UtilisationHighPct = 97.5,
            CashWithdrawalMinAmount = 1_500,
            PastDueGraceDays = 1,
            ConfirmationSpacingDays = 14,
            UtilisationRevolvingOnly = false,
        };

        // Compared as sets: reflection does not promise declaration order.
        Assert.Equal(
            new[]
            {
                "Cash withdrawals, Cash of at least (amount): 200 → 1,500",
                "Confirmation, Days between readings: 7 → 14",
                "High utilisation, Only customers who did not pay the last statement in full: yes → no",
                "High utilisation, Utilisation above (%): 90% → 97.5%",
                "Past due, Grace after the due date (days): 0 days → 1 day",
            },
            RuleSettingChanges.Describe(before, after).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Describe_ChangeBelowTwoDecimals_WrittenWithEnoughDecimalsToDiffer()
    {
        // Detected exactly but written to two decimals, these read "90% → 90%" and "200 → 200" in the audit log.
        var after = new RuleSettings() with { UtilisationHighPct = 90.004, CashWithdrawalMinAmount = 200.004 };

        Assert.Equal(
            new[]
            {
                "Cash withdrawals, Cash of at least (amount): 200 → 200.004",
                "High utilisation, Utilisation above (%): 90% → 90.004%",
            },
            RuleSettingChanges.Describe(new RuleSettings(), after).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Describe_LargeAmountBelowTwoDecimals_GroupedWithEnoughDecimalsToDiffer()
    {
        var before = new RuleSettings { SpendDropMinPreviousSpend = 1_500 };

        Assert.Equal(
            "Spend drop, Previous spend of at least (amount): 1,500 → 1,500.0001",
            Assert.Single(RuleSettingChanges.Describe(before, before with { SpendDropMinPreviousSpend = 1_500.0001 })));
    }

    [Fact]
    public void Describe_NothingChanged_Empty()
    {
        Assert.Empty(RuleSettingChanges.Describe(new RuleSettings(), new RuleSettings()));
    }
}
