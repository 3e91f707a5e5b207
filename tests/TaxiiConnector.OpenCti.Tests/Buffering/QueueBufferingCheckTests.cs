using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.OpenCti.Buffering;
using TaxiiConnector.OpenCti.Ping;
using TaxiiConnector.OpenCti.Tests.Platform;

namespace TaxiiConnector.OpenCti.Tests.Buffering;

public sealed class QueueBufferingCheckTests : IDisposable
{
    private readonly FakeOpenCtiPlatform _platform = new();

    [Theory]
    [InlineData(499_999_999, 500, false)]
    [InlineData(500_000_000, 500, true)]
    [InlineData(12_000_000, 10, true)]
    [InlineData(0, 500, false)]
    public async Task ShouldSkipRunAsync_ComparesQueueMegabytesWithThreshold(long messagesSize, double thresholdMb, bool expected)
    {
        _platform.RespondData(FakeOpenCtiPlatform.QueueDetails,
            "{\"connector\":{\"id\":\"x\",\"connector_queue_details\":{\"messages_number\":3,\"messages_size\":" + messagesSize + "}}}", priority: 1);
        using var services = _platform.BuildServices(o => o.QueueThresholdMb = thresholdMb);

        var skip = await services.GetRequiredService<QueueBufferingCheck>().ShouldSkipRunAsync(CancellationToken.None);

        skip.Should().Be(expected);
        services.GetRequiredService<ConnectorRunInfo>().Buffering.Should().Be(expected);
        FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.QueueDetails).Single()).GetProperty("id").GetString()
            .Should().Be(FakeOpenCtiPlatform.ConnectorId);
    }

    [Fact]
    public async Task ShouldSkipRunAsync_QueueDrained_ClearsBuffering()
    {
        _platform.RespondData(FakeOpenCtiPlatform.QueueDetails,
            """{"connector":{"id":"x","connector_queue_details":{"messages_number":3,"messages_size":900000000}}}""", priority: 1);
        using var services = _platform.BuildServices();
        var check = services.GetRequiredService<QueueBufferingCheck>();
        (await check.ShouldSkipRunAsync(CancellationToken.None)).Should().BeTrue();
        _platform.RespondData(FakeOpenCtiPlatform.QueueDetails,
            """{"connector":{"id":"x","connector_queue_details":{"messages_number":0,"messages_size":0}}}""", priority: 0);

        (await check.ShouldSkipRunAsync(CancellationToken.None)).Should().BeFalse();

        services.GetRequiredService<ConnectorRunInfo>().Buffering.Should().BeFalse();
    }

    [Fact]
    public async Task ShouldSkipRunAsync_DryRun_NeverSkipsAndCallsNothing()
    {
        using var output = new TempDirectory();
        using var services = _platform.BuildServices(o => o.DryRunOutputDirectory = output.Path);

        var skip = await services.GetRequiredService<QueueBufferingCheck>().ShouldSkipRunAsync(CancellationToken.None);

        skip.Should().BeFalse();
        _platform.Server.LogEntries.Should().BeEmpty();
    }

    public void Dispose() => _platform.Dispose();
}
