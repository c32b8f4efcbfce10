using CreditRisk.Core.Persistence.LiteDb;

namespace CreditRisk.Tests.Persistence.LiteDb;

public sealed class ReadThroughCacheTests
{
    [Fact]
    public void Offer_ReadBeganBeforeAWrite_DoesNotReplaceTheWrittenValue()
    {
        var cache = new ReadThroughCache<string>(10);
        var stamp = cache.StampOf("c1");
        cache.Set("c1", "written");

        cache.Offer("c1", "read before the write", stamp);

        Assert.Equal(["written"], Found(cache, "c1").Values);
    }

    [Fact]
    public void Offer_ReadBeganBeforeAWriteSinceClearedAway_IsNotKept()
    {
        var cache = new ReadThroughCache<string>(1);
        var stamp = cache.StampOf("c1");
        cache.Set("c1", "written");
        cache.Set("c2", "at capacity: starts afresh");

        cache.Offer("c1", "read before the first write", stamp);

        Assert.Equal(["c1"], cache.Lookup(["c1"], []));
    }

    [Fact]
    public void Offer_NoWriteSinceTheStamp_IsKept()
    {
        var cache = new ReadThroughCache<string>(10);

        cache.Offer("c1", "read", cache.StampOf("c1"));

        Assert.Equal("read", Found(cache, "c1")["c1"]);
    }

    [Fact]
    public void Lookup_AbsentOffered_NeitherFoundNorToBeRead()
    {
        var cache = new ReadThroughCache<string>(10);
        cache.Offer("c1", null, cache.StampOf("c1"));

        var found = new Dictionary<string, string>();
        var missing = cache.Lookup(["c1", "c2", "c2"], found);

        Assert.Empty(found);
        Assert.Equal(["c2"], missing);
    }

    [Fact]
    public void Set_AfterAbsentOffered_IsFound()
    {
        var cache = new ReadThroughCache<string>(10);
        cache.Offer("c1", null, cache.StampOf("c1"));

        cache.Set("c1", "created");

        Assert.Equal("created", Found(cache, "c1")["c1"]);
    }

    [Fact]
    public void Set_AtCapacity_StartsAfreshAndKeepsTheNewValue()
    {
        var cache = new ReadThroughCache<string>(2);
        cache.Set("c1", "one");
        cache.Set("c2", "two");

        cache.Set("c3", "three");

        var found = new Dictionary<string, string>();
        Assert.Equal(["c1", "c2"], cache.Lookup(["c1", "c2", "c3"], found));
        Assert.Equal("three", found["c3"]);
    }

    private static Dictionary<string, string> Found(ReadThroughCache<string> cache, string id)
    {
        var found = new Dictionary<string, string>();
        cache.Lookup([id], found);
        return found;
    }
}
