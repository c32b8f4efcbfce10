using CreditRisk.Core.Statements;
using CreditRisk.Web.Display;
using Microsoft.AspNetCore.Components;

namespace CreditRisk.Web.Components.Shared;

public partial class StatementsTable
{
    [Inject]
    private MoneyFormat Money { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>Newest first.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<Statement> Statements { get; set; } = [];

    /// <summary>Statements a phone lists before "Show all"; null lists every one.</summary>
    [Parameter]
    public int? PhoneRows { get; set; }

    /// <summary>
    /// The day statuses are counted to: the customer's past-due reference day (PastDuePosition.AsOf), so a statement's
    /// "Overdue by N days" reads the same day as the days past due beside it; null counts to today.
    /// </summary>
    [Parameter]
    public DateOnly? AsOf { get; set; }

    /// <summary>Columns hidden below 600 px (MudBlazor's display classes); their values show under the kept ones.</summary>
    private const string WideOnly = "d-none d-sm-table-cell";

    private bool _showAll;

    private Dictionary<Statement, StatementStatus> _statuses = new(ReferenceEqualityComparer.Instance);

    // From the statements' figures and the reference day (StatementStanding), not the bank's days-past-due field, which is
    // the account's arrears on the statement date and so belongs to the cycle before. Worked out over all the statements
    // together: a missed payment that a later one caught up is no longer overdue.
    protected override void OnParametersSet()
    {
        var statuses = StatementStanding.OfEach(Statements, AsOf ?? DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime));
        _statuses = new(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < Statements.Count; i++)
        {
            _statuses[Statements[i]] = statuses[i];
        }
    }

    private string? PhoneRowClass(Statement statement, int index) => index >= PhoneRows ? "phone-extra" : null;

    private string StatusOf(Statement s)
    {
        var status = _statuses[s];
        return status.State switch
        {
            StatementState.NothingToPay => "Nothing to pay",
            StatementState.PaidInFull => "Paid in full",
            StatementState.NotYetDue => "Not yet due",
            StatementState.PartPaidNotYetDue => "Part paid, not yet due",
            StatementState.PartPaid => "Part paid",
            StatementState.MinimumPaid => "Minimum paid",
            StatementState.PaidLate => "Paid late",
            StatementState.Overdue => $"Overdue by {Days(status.DaysOverdue)}",
            StatementState.MissedThenCaughtUp => "Missed",
            _ => status.State.ToString(),
        };
    }

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
