using System.Text;
using CreditRisk.Core.Persistence.Compact;

namespace CreditRisk.Tests.Persistence.Compact;

public sealed class RepeatedStringsTests
{
    [Fact]
    public void Get_SameBytesTwice_ReturnsOneObject()
    {
        var pool = new RepeatedStrings();

        var first = pool.Get("grocery"u8);
        var second = pool.Get("grocery"u8);

        Assert.Equal("grocery", first);
        Assert.Same(first, second);
        Assert.NotSame(first, pool.Get("fuel"u8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("café & bäckerei")]
    [InlineData("ร้านอาหาร")]
    public void Get_AnyText_SpellsWhatWasEncoded(string text)
    {
        var pool = new RepeatedStrings();

        Assert.Equal(text, pool.Get(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(text, pool.Get(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Get_LongValue_IsNotPooled()
    {
        var pool = new RepeatedStrings();
        var bytes = Encoding.UTF8.GetBytes(new string('x', RepeatedStrings.MaxBytes + 1));

        var first = pool.Get(bytes);

        Assert.Equal(RepeatedStrings.MaxBytes + 1, first.Length);
        Assert.NotSame(first, pool.Get(bytes));
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void Get_MoreDistinctValuesThanTheCapacity_StopsPoolingButStillAnswers()
    {
        var pool = new RepeatedStrings();
        for (var i = 0; i < RepeatedStrings.Capacity + 100; i++)
        {
            Assert.Equal($"category-{i}", pool.Get(Encoding.UTF8.GetBytes($"category-{i}")));
        }

        Assert.Equal(RepeatedStrings.Capacity, pool.Count);
        var late = Encoding.UTF8.GetBytes($"category-{RepeatedStrings.Capacity + 50}");
        Assert.NotSame(pool.Get(late), pool.Get(late));
        Assert.Same(pool.Get("category-1"u8), pool.Get("category-1"u8));
    }
}
