using CreditRisk.Core.Transactions;
using CreditRisk.Web.Display;

namespace CreditRisk.Tests.Display;

public sealed class TransactionTypeTextTests
{
    [Fact]
    public void Of_EveryType_InWordsNeverItsEnumName()
    {
        foreach (var type in Enum.GetValues<TransactionType>())
        {
            var words = TransactionTypeText.Of(type);
            Assert.Matches("^[A-Z][a-z]+( [a-z]+)*$", words);
        }

        Assert.Equal("Cash withdrawal", TransactionTypeText.Of(TransactionType.CashWithdrawal));
    }
}
