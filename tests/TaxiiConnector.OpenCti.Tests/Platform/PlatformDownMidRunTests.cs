using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.OpenCti.Tests.Sinks;
using TaxiiConnector.OpenCti.Works;

namespace TaxiiConnector.OpenCti.Tests.Platform;

/// <summary>The pipeline's use of the OpenCTI pieces when the platform fails in the middle of a run.</summary>
public sealed class PlatformDownMidRunTests : IDisposable
{
    private readonly FakeOpenCtiPlatform _platform = new();

    [Fact]
    public async Task Run_PlatformFailsPushAfterFirstPage_SendsThePageOnceKeepsCursorAndClosesWorkInError()
    {
        using var services = _platform.BuildServices(o => o.MaxRetryAttempts = 2);
        var state = services.GetRequiredService<IStateStore>();
        var works = services.GetRequiredService<IWorkTracker>();
        var sink = services.GetRequiredService<IBundleSink>();
        await state.LoadAsync(CancellationToken.None);
        var workId = await works.StartAsync("TAXII2 run", CancellationToken.None);
        var context = new PushContext(workId, "taxii2", "c1");

        using (var page1 = Bundles.Create(Bundles.Identity))
        {
            await sink.PushAsync(page1, context, CancellationToken.None);
            await state.CommitAsync("k", "cursor-1", CancellationToken.None);
        }

        _platform.Respond(FakeOpenCtiPlatform.BundlePush, 503, "platform restarting", priority: 0);
        var failed = false;
        using (var page2 = Bundles.Sample())
        {
            try
            {
                await sink.PushAsync(page2, context, CancellationToken.None);
                await state.CommitAsync("k", "cursor-2", CancellationToken.None);
            }
            catch (Exception)
            {
                failed = true;
            }
        }

        await works.CompleteAsync(workId, "collection c1 failed", inError: failed, CancellationToken.None);

        failed.Should().BeTrue();
        _platform.Requests(FakeOpenCtiPlatform.BundlePush).Should().HaveCount(1 + 1,
            "a 503 may come after the platform queued page 2: sending it again could queue it twice");
        _platform.Requests(FakeOpenCtiPlatform.WorkAdd).Should().HaveCount(1);
        state.GetCursor("k").Should().Be("cursor-1");
        _platform.Requests(FakeOpenCtiPlatform.Ping).Select(p => FakeOpenCtiPlatform.Variables(p).GetProperty("state").GetString())
            .Should().OnlyContain(s => s!.Contains("cursor-1") && !s.Contains("cursor-2"));
        FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.ToProcessed).Single()).GetProperty("inError").GetBoolean().Should().BeTrue();
    }

    public void Dispose() => _platform.Dispose();
}
