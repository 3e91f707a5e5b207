using TaxiiConnector.Taxii.Resilience;

namespace TaxiiConnector.Taxii.Tests.Resilience;

public sealed class SizeLimitedReadStreamTests
{
    [Fact]
    public async Task ReadAsync_UpToTheCap_PassesEverythingThrough()
    {
        await using var stream = new SizeLimitedReadStream(new MemoryStream(new byte[100]), 100);
        using var copy = new MemoryStream();

        await stream.CopyToAsync(copy);

        copy.Length.Should().Be(100);
        stream.BytesRead.Should().Be(100);
    }

    [Fact]
    public async Task ReadAsync_PastTheCapWithoutContentLength_Throws()
    {
        await using var stream = new SizeLimitedReadStream(new MemoryStream(new byte[101]), 100);

        var act = () => stream.CopyToAsync(Stream.Null);

        (await act.Should().ThrowAsync<ResponseTooLargeException>()).Which.MaxBytes.Should().Be(100);
    }
}
