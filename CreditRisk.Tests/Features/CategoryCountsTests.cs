using System.Text.Json;
using CreditRisk.Core.Features;

namespace CreditRisk.Tests.Features;

public sealed class CategoryCountsTests
{
    [Fact]
    public void Of_CountsInAnyOrder_KeepsThemInOrdinalKeyOrder()
    {
        var counts = CategoryCounts.Of(("5999", 1), ("4111", 2), ("5411", 3));

        Assert.Equal(["4111", "5411", "5999"], counts.Keys);
        Assert.Equal([2, 3, 1], counts.Values);
        Assert.Equal(3, counts["5411"]);
        Assert.False(counts.TryGetValue("0000", out _));
        Assert.Throws<KeyNotFoundException>(() => counts["0000"]);
    }

    [Theory]
    [InlineData("5411", 1, "5411", 2)]
    [InlineData("5411", 1, "", 1)]
    [InlineData("5411", 0, "5812", 1)]
    public void Of_RepeatedOrEmptyCategoryOrNoPurchase_IsRefused(string first, int firstCount, string second, int secondCount) =>
        Assert.Throws<ArgumentException>(() => CategoryCounts.Of((first, firstCount), (second, secondCount)));

    [Fact]
    public void FromSorted_KeysOutOfOrder_IsRefused() =>
        Assert.Throws<ArgumentException>(() => CategoryCounts.FromSorted([KeyValuePair.Create("5812", 1), KeyValuePair.Create("5411", 1)]));

    [Fact]
    public void Increment_ReturnsACopyWithTheCategoryCountedInItsPlace()
    {
        var before = CategoryCounts.Of(("4111", 1), ("5999", 1));

        var known = before.Increment("4111");
        var middle = known.Increment("5411");
        var first = middle.Increment("0742");

        Assert.Equal([1, 1], before.Values);
        Assert.Equal([2, 1], known.Values);
        Assert.Equal(["0742", "4111", "5411", "5999"], first.Keys);
        Assert.Equal([1, 2, 1, 1], first.Values);
        Assert.Equal(["7011"], CategoryCounts.Empty.Increment("7011").Keys);
        Assert.Empty(CategoryCounts.Empty);
    }

    [Fact]
    public void Json_RoundTrip_IsTheObjectTheDictionaryWrote()
    {
        var counts = CategoryCounts.Of(("5812", 1), ("5411", 2));

        var json = JsonSerializer.Serialize(counts);
        var back = JsonSerializer.Deserialize<CategoryCounts>(json)!;

        Assert.Equal("""{"5411":2,"5812":1}""", json);
        Assert.Equal(counts, back);
    }
}
