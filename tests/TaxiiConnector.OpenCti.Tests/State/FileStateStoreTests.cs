using TaxiiConnector.OpenCti.State;

namespace TaxiiConnector.OpenCti.Tests.State;

public sealed class FileStateStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("taxii-state-").FullName;

    [Fact]
    public async Task CommitAsync_ThenNewStore_ReadsCursorBack()
    {
        var path = Path.Combine(_directory, "sub", "state.json");
        using (var store = new FileStateStore(path))
        {
            await store.LoadAsync(CancellationToken.None);
            await store.CommitAsync("k1", "c1", CancellationToken.None);
            await store.CommitAsync("k2", "c2", CancellationToken.None);
        }

        using var reopened = new FileStateStore(path);
        await reopened.LoadAsync(CancellationToken.None);

        reopened.GetCursor("k1").Should().Be("c1");
        reopened.GetCursor("k2").Should().Be("c2");
        (await File.ReadAllTextAsync(path)).Should().Be("""{"cursors":{"k1":"c1","k2":"c2"}}""", "a commit says nothing about the other collections: no last_run");
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().ContainSingle("the temporary file was renamed over the state file");
    }

    [Fact]
    public async Task LoadAsync_PythonStateFile_ExposesLegacyLastRun()
    {
        var path = Path.Combine(_directory, "state.json");
        await File.WriteAllTextAsync(path, """{"last_run": 1732000000}""");
        using var store = new FileStateStore(path);

        await store.LoadAsync(CancellationToken.None);

        store.LegacyLastRun.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1732000000));
    }

    [Fact]
    public async Task LoadAsync_NoFile_Empty()
    {
        using var store = new FileStateStore(Path.Combine(_directory, "missing.json"));

        await store.LoadAsync(CancellationToken.None);

        store.GetCursor("k").Should().BeNull();
        store.LegacyLastRun.Should().BeNull();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
