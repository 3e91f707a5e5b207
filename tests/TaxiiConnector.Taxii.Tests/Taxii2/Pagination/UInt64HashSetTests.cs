using TaxiiConnector.Primitives;

namespace TaxiiConnector.Taxii.Tests.Taxii2.Pagination;

public sealed class UInt64HashSetTests
{
    [Fact]
    public void Add_ManyHashes_EachFoundOnceAndOthersNot()
    {
        var set = new UInt64HashSet();
        var random = new Random(7);
        var added = Enumerable.Range(0, 50_000).Select(_ => (ulong)random.NextInt64() | 2).Distinct().ToList();

        added.Should().OnlyContain(hash => set.Add(hash));
        added.Should().OnlyContain(hash => !set.Add(hash), "a second add of the same hash is no addition");
        set.Count.Should().Be(added.Count);
        added.Should().OnlyContain(hash => set.Contains(hash));
        set.Contains(1).Should().BeFalse();
        set.Contains(12345).Should().BeFalse();
    }

    [Fact]
    public void Add_ZeroHash_IsKept()
    {
        var set = new UInt64HashSet();

        set.Add(0).Should().BeTrue();

        set.Contains(0).Should().BeTrue();
        set.Add(0).Should().BeFalse();
    }

    [Fact]
    public void Clear_ForgetsEverything()
    {
        var set = new UInt64HashSet();
        set.Add(42);
        set.Add(43);

        set.Clear();

        set.Count.Should().Be(0);
        set.Contains(42).Should().BeFalse();
        set.Add(42).Should().BeTrue();
    }
}
