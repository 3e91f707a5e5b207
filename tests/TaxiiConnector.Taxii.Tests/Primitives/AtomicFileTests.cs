using TaxiiConnector.Primitives;

namespace TaxiiConnector.Taxii.Tests.Primitives;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "atomic-file-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task WriteAsync_ExistingFile_ContentReplacedAndNoTemporaryLeft()
    {
        var path = Path.Combine(_directory, "state.json");
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(path, "old content that is longer than the new one");

        await AtomicFile.WriteAsync(path, "new"u8.ToArray(), CancellationToken.None);

        (await File.ReadAllTextAsync(path)).Should().Be("new", "the file is replaced whole, not overwritten in place");
        Directory.GetFiles(_directory).Should().Equal(path);
    }

    [Fact]
    public async Task WriteAsync_MissingDirectory_CreatesItAndTheFile()
    {
        var path = Path.Combine(_directory, "nested", "bundle.json");

        await AtomicFile.WriteAsync(path, "{\"a\":1}"u8.ToArray(), CancellationToken.None);

        (await File.ReadAllBytesAsync(path)).Should().Equal("{\"a\":1}"u8.ToArray());
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().Equal(path);
    }

    [Fact]
    public async Task WriteAsync_RenameFails_TemporaryRemovedAndErrorSurfaced()
    {
        // A directory where the file should go: the temporary file is written, then the rename over it fails.
        var path = Path.Combine(_directory, "taken");
        Directory.CreateDirectory(path);

        var write = () => AtomicFile.WriteAsync(path, "content"u8.ToArray(), CancellationToken.None);

        await write.Should().ThrowAsync<IOException>();
        Directory.GetFiles(_directory).Should().BeEmpty("the temporary file is deleted when the replacement fails");
        Directory.Exists(path).Should().BeTrue();
    }

    [Fact]
    public async Task WriteAsync_Cancelled_WritesNothing()
    {
        var path = Path.Combine(_directory, "state.json");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var write = () => AtomicFile.WriteAsync(path, "content"u8.ToArray(), cancelled.Token);

        await write.Should().ThrowAsync<OperationCanceledException>();
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void Write_ManyReplacements_LastContentWinsAndNoTemporaryLeft()
    {
        var path = Path.Combine(_directory, "cursor.json");
        for (var i = 0; i < 20; i++)
        {
            AtomicFile.Write(path, System.Text.Encoding.UTF8.GetBytes($"version {i}"));
        }

        File.ReadAllText(path).Should().Be("version 19");
        Directory.EnumerateFiles(_directory, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
        Directory.GetFiles(_directory).Should().Equal(path);
    }
}
