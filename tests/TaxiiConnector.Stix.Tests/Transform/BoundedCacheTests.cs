using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Stix.Tests.Transform;

public sealed class BoundedCacheTests
{
    [Fact]
    public void Add_PastCapacity_ReturnsValueWithoutKeepingIt()
    {
        var cache = new BoundedCache<string>(capacity: 2);

        cache.Add("a", "A").Should().Be("A");
        cache.Add("b", "B").Should().Be("B");
        cache.Add("c", "C").Should().Be("C");

        cache.Count.Should().Be(2);
        cache.TryGet("c", out _).Should().BeFalse();
        cache.TryGet("a".AsSpan(), out var a).Should().BeTrue();
        a.Should().Be("A");
    }

    [Fact]
    public void Add_KeyAlreadyThere_ReturnsTheCachedValue()
    {
        var cache = new BoundedCache<string>(capacity: 4);
        cache.Add("a", "first");

        cache.Add("a", "second").Should().Be("first");
        cache.Count.Should().Be(1);
    }
}
