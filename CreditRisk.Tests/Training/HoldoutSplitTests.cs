using CreditRisk.Core.Training;

namespace CreditRisk.Tests.Training;

public sealed class HoldoutSplitTests
{
    private static readonly List<LabeledRow> Rows = [.. Enumerable.Range(0, 1000).SelectMany(c =>
        Enumerable.Range(0, 3).Select(m => new LabeledRow($"c{c}", new DateOnly(2025, 1 + m, 1), c % 10 == 0 && m == 2, [])))];

    [Fact]
    public void Split_KeepsEveryCustomerOnOneSide()
    {
        var (train, holdout) = HoldoutSplit.Split(Rows, 0.3, seed: 7);

        var trainCustomers = train.Select(i => Rows[i].CustomerId).ToHashSet();
        Assert.DoesNotContain(holdout, i => trainCustomers.Contains(Rows[i].CustomerId));
        Assert.Equal(Rows.Count, train.Length + holdout.Length);
    }

    [Fact]
    public void Split_StratifiesCustomersWithAPositiveRow()
    {
        var (_, holdout) = HoldoutSplit.Split(Rows, 0.3, seed: 7);

        var customers = holdout.Select(i => Rows[i].CustomerId).Distinct().ToList();
        Assert.Equal(300, customers.Count);
        Assert.Equal(30, holdout.Count(i => Rows[i].Label)); // exactly 30% of the 100 customers with a bad outcome
    }

    [Fact]
    public void Split_SameSeed_SameSplitWhateverTheRowOrder()
    {
        var shuffled = Rows.OrderBy(r => r.CustomerId.GetHashCode(StringComparison.Ordinal)).ToList();

        var a = HoldoutSplit.Split(Rows, 0.3, seed: 7).Holdout.Select(i => Rows[i]).ToHashSet();
        var b = HoldoutSplit.Split(shuffled, 0.3, seed: 7).Holdout.Select(i => shuffled[i]).ToHashSet();
        var c = HoldoutSplit.Split(Rows, 0.3, seed: 8).Holdout.Select(i => Rows[i]).ToHashSet();

        Assert.True(a.SetEquals(b));
        Assert.False(a.SetEquals(c));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Split_ShareOutOfRange_Throws(double share)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldoutSplit.Split(Rows, share, 1));
    }
}
