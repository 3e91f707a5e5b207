using System.Buffers;
using FluentAssertions;
using TaxiiConnector.Stix.Buffers;

namespace TaxiiConnector.Stix.Tests.Buffers;

public sealed class FittingArrayPoolTests
{
    private const int Megabyte = 1024 * 1024;

    [Fact]
    public void Rent_LargeRequest_ArraySizedToTheRequestNotToThePowerOfTwoAbove()
    {
        var pool = new FittingArrayPool(retained: 4);

        var array = pool.Rent(2_500_000);

        // The shared pool would hand out 4 MiB (4,194,304 bytes) for this request.
        array.Length.Should().BeGreaterThanOrEqualTo(2_500_000).And.BeLessThan(2_750_000);
    }

    [Fact]
    public void Rent_AfterReturn_ReusesTheSameArrayForASimilarRequest()
    {
        var pool = new FittingArrayPool(retained: 4);
        var first = pool.Rent(Megabyte);
        pool.Return(first);

        var second = pool.Rent(Megabyte + 1000);

        second.Should().BeSameAs(first);
        pool.KeptCount.Should().Be(0);
    }

    [Fact]
    public void Rent_SeveralKept_TakesTheSmallestThatFits()
    {
        var pool = new FittingArrayPool(retained: 4);
        var large = pool.Rent(3 * Megabyte);
        var medium = pool.Rent(2 * Megabyte);
        var small = pool.Rent(Megabyte);
        pool.Return(large);
        pool.Return(medium);
        pool.Return(small);

        pool.Rent((int)(1.5 * Megabyte)).Should().BeSameAs(medium);
    }

    [Fact]
    public void Rent_OnlyAFarLargerArrayKept_AllocatesRatherThanTyingItUp()
    {
        var pool = new FittingArrayPool(retained: 4);
        var large = pool.Rent(4 * Megabyte);
        pool.Return(large);

        var array = pool.Rent(Megabyte);

        array.Should().NotBeSameAs(large);
        pool.KeptCount.Should().Be(1);
    }

    [Fact]
    public void Return_MoreThanRetained_KeepsOnlyTheMostRecentlyReturned()
    {
        var pool = new FittingArrayPool(retained: 2);
        var arrays = Enumerable.Range(0, 5).Select(_ => pool.Rent(Megabyte)).ToList();
        foreach (var array in arrays)
        {
            pool.Return(array);
        }

        pool.KeptCount.Should().Be(2);
        var again = new[] { pool.Rent(Megabyte), pool.Rent(Megabyte) };
        again.Should().OnlyContain(a => ReferenceEquals(a, arrays[3]) || ReferenceEquals(a, arrays[4]));
        again[0].Should().NotBeSameAs(again[1]);
    }

    [Fact]
    public void RentAndReturn_SmallRequest_GoesThroughTheSharedPool()
    {
        var pool = new FittingArrayPool(retained: 2);

        var small = pool.Rent(1000);
        pool.Return(small);

        small.Length.Should().Be(1024, "the shared pool rounds small requests up to a power of two");
        pool.KeptCount.Should().Be(0);
    }

    [Fact]
    public void PageBufferPool_IsAFittingPool()
    {
        PageBufferPool.Bytes.Should().BeOfType<FittingArrayPool>();
        ArrayPool<byte>.Shared.Should().NotBeSameAs(PageBufferPool.Bytes);
    }
}
