using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Risk;

/// <summary>What the pipeline does for one customer in one run: the items to apply, or a rebuild, and why.</summary>
internal sealed class CustomerWork(string customerId)
{
    public string CustomerId { get; } = customerId;

    public List<Transaction> Transactions { get; } = [];

    public List<Statement> Statements { get; } = [];

    /// <summary>Rebuild the profile from the stored history instead of applying items (crash recovery).</summary>
    public bool Rebuild { get; init; }

    public string? ExplicitTrigger { get; init; }

    public bool HasChanges => Transactions.Count > 0 || Statements.Count > 0;

    public string Trigger => ExplicitTrigger
        ?? (Rebuild ? RiskTriggers.Recovery
        : Transactions.Count > 0 ? RiskTriggers.Transaction
        : Statements.Count > 0 ? RiskTriggers.Statement
        : RiskTriggers.Rescore);
}
