using System.Text;

using TaxiiConnector.Primitives;

namespace TaxiiConnector.OpenCti.State;

/// <summary>
/// Cursors in a JSON file (dry runs and the demo: no OpenCTI), in the same shape as the platform's
/// <c>connector_state</c>. Each commit rewrites the file atomically.
/// </summary>
public sealed class FileStateStore : IStateStore, IDisposable
{
    private readonly string _path;
    private readonly TimeProvider _timeProvider;
    private readonly ConnectorStateDocument _state = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public FileStateStore(string path, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = Path.GetFullPath(path);
        _timeProvider = timeProvider;
    }

    /// <summary>The state file's full path.</summary>
    public string FilePath => _path;

    public DateTimeOffset? LegacyLastRun => _state.LegacyLastRun;

    public async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        var text = File.Exists(_path) ? await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false) : null;
        _state.Load(text);
    }

    public string? GetCursor(string key) => _state.GetCursor(key);

    public async ValueTask CommitAsync(string key, string cursor, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _state.SetCursor(key, cursor, _timeProvider.GetUtcNow());
            await AtomicFile.WriteAsync(_path, Encoding.UTF8.GetBytes(_state.ToJson()), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
