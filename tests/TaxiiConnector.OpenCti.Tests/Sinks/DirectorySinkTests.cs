using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.Tests.Platform;

namespace TaxiiConnector.OpenCti.Tests.Sinks;

public sealed class DirectorySinkTests : IDisposable
{
    private readonly TempDirectory _output = new();

    [Fact]
    public async Task PushAsync_WritesEachBundleNamedInOrder()
    {
        using var sink = new DirectorySink(_output.Path, NullLogger<DirectorySink>.Instance);
        using var first = Bundles.Create(Bundles.Identity);
        using var second = Bundles.Sample();

        await sink.PushAsync(first, new PushContext(null, "taxii2", "api1 / Indicators"), CancellationToken.None);
        await sink.PushAsync(second, new PushContext(null, "taxii2", "api1 / Indicators"), CancellationToken.None);

        var files = Directory.GetFiles(_output.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        files.Should().Equal("00000001-api1___Indicators.json", "00000002-api1___Indicators.json");
        (await File.ReadAllBytesAsync(Path.Combine(_output.Path, files[1]!))).Should().Equal(second.Json.ToArray());
    }

    [Fact]
    public async Task PushAsync_ExistingFiles_ContinuesTheSequence()
    {
        await File.WriteAllTextAsync(Path.Combine(_output.Path, "00000041-old.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(_output.Path, "state.json"), "{}");
        using var sink = new DirectorySink(_output.Path, NullLogger<DirectorySink>.Instance);
        using var bundle = Bundles.Sample();

        await sink.PushAsync(bundle, new PushContext(null, "taxii2", "c"), CancellationToken.None);

        File.Exists(Path.Combine(_output.Path, "00000042-c.json")).Should().BeTrue();
    }

    public void Dispose() => _output.Dispose();
}
