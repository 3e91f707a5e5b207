using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.OpenCti.Tests.Platform;
using TaxiiConnector.OpenCti.Works;

namespace TaxiiConnector.OpenCti.Tests.Works;

public sealed class OpenCtiWorkTrackerTests : IDisposable
{
    private readonly FakeOpenCtiPlatform _platform = new();

    [Fact]
    public async Task Lifecycle_SendsWorkAddExpectationsAndToProcessed()
    {
        using var services = _platform.BuildServices();
        var works = services.GetRequiredService<IWorkTracker>();

        var id = await works.StartAsync("TAXII2 run", CancellationToken.None);
        await works.AddExpectationsAsync(id, 7, CancellationToken.None);
        await works.CompleteAsync(id, "3 collections, 1 failed", inError: true, CancellationToken.None);

        id.Should().Be("work-1");
        var add = FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.WorkAdd).Single());
        add.GetProperty("connectorId").GetString().Should().Be(FakeOpenCtiPlatform.ConnectorId);
        add.GetProperty("friendlyName").GetString().Should().Be("TAXII2 run");
        var expectations = FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.AddExpectations).Single());
        expectations.GetProperty("id").GetString().Should().Be("work-1");
        expectations.GetProperty("expectations").GetInt32().Should().Be(7);
        var processed = FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.ToProcessed).Single());
        processed.GetProperty("id").GetString().Should().Be("work-1");
        processed.GetProperty("message").GetString().Should().Be("3 collections, 1 failed");
        processed.GetProperty("inError").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task AddExpectationsAsync_ZeroOrNoWork_SendsNothing()
    {
        using var services = _platform.BuildServices();
        var works = services.GetRequiredService<IWorkTracker>();

        await works.AddExpectationsAsync("work-1", 0, CancellationToken.None);
        await works.AddExpectationsAsync(null, 5, CancellationToken.None);
        await works.CompleteAsync(null, "dry", inError: false, CancellationToken.None);

        _platform.Server.LogEntries.Should().BeEmpty();
    }

    [Fact]
    public async Task NullWorkTracker_DryRun_NoWork()
    {
        var works = NullWorkTracker.Instance;

        var id = await works.StartAsync("run", CancellationToken.None);
        await works.AddExpectationsAsync(id, 3, CancellationToken.None);
        await works.CompleteAsync(id, "ok", inError: false, CancellationToken.None);

        id.Should().BeNull();
    }

    public void Dispose() => _platform.Dispose();
}
