using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Web.Customers;

/// <summary>What a signed-in card customer sees about their own account.</summary>
/// <param name="Band">Current band; null before the first assessment.</param>
/// <param name="Reasons">Why, in the customer's words (empty when Low or not assessed).</param>
/// <param name="Actions">What the customer can do about it.</param>
/// <param name="UtilisationPct">Balance as % of the limit at the latest assessment; null when unknown.</param>
/// <param name="SpendTrend">Card spending per calendar month, oldest first, the current month last.</param>
/// <param name="RecentTransactions">Newest first.</param>
/// <param name="Statements">Newest first.</param>
/// <param name="Messages">WhatsApp alerts sent to the customer, newest first (the welcome message is <see cref="WelcomeSentAt"/>).</param>
public sealed record CustomerDashboard(
    Customer Customer,
    RiskBand? Band,
    DateTimeOffset? AssessedAt,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Actions,
    double? UtilisationPct,
    IReadOnlyList<MonthlySpend> SpendTrend,
    IReadOnlyList<Transaction> RecentTransactions,
    IReadOnlyList<Statement> Statements,
    IReadOnlyList<Alert> Messages)
{
    /// <summary>Reads times in the customer's zone.</summary>
    public CustomerClock Clock { get; init; } = new(TimeZoneInfo.Utc, DateTimeOffset.UtcNow);

    /// <summary>When the welcome message went to the customer's WhatsApp on their first sign-in; null before that.</summary>
    public DateTimeOffset? WelcomeSentAt { get; init; }

    /// <summary>
    /// What is past due, counted to the latest assessment's data day with the past-due rule's own computation and grace
    /// days — the position the bank's staff see in the grid and the drill-down; null when not read.
    /// </summary>
    public PastDuePosition? PastDue { get; init; }
}

/// <summary>Card spending in one calendar month: purchases and cash withdrawals, in the account currency.</summary>
public sealed record MonthlySpend(DateOnly Month, decimal Purchases, decimal CashWithdrawals);
