using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace TaxiiConnector.OpenCti.State;

/// <summary>
/// The connector's state as stored in OpenCTI's <c>connector_state</c> (or the state file):
/// <c>{"last_run": &lt;epoch seconds&gt;, "migrated_last_run": &lt;epoch seconds&gt;, "cursors": {key: cursor}}</c>.
/// <list type="bullet">
/// <item><c>last_run</c> keeps the Python connector's meaning, so going back to it skips nothing: the start of the last
/// run that read every collection to its end (<see cref="SetLastRun"/>). The Python connector reads it as the
/// <c>added_after</c> of every collection.</item>
/// <item><c>migrated_last_run</c>: the Python connector's <c>last_run</c> when this connector took over its state (a state
/// with <c>last_run</c> and no <c>cursors</c>). It is kept, so every collection without a cursor of its own starts from
/// there (<see cref="LegacyLastRun"/>), however many others have committed since.</item>
/// </list>
/// Thread-safe.
/// </summary>
public sealed class ConnectorStateDocument
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _cursors = new(StringComparer.Ordinal);
    private long? _lastRun;
    private long? _migratedLastRun;

    /// <summary>
    /// The Python connector's connector-wide <c>last_run</c> this state was migrated from (null when it never was): where
    /// a collection without a cursor starts.
    /// </summary>
    public DateTimeOffset? LegacyLastRun
    {
        get
        {
            lock (_lock)
            {
                return _migratedLastRun is { } epoch ? DateTimeOffset.FromUnixTimeSeconds(epoch) : null;
            }
        }
    }

    /// <summary>The <c>last_run</c> written for the Python connector (null before any run completed fully).</summary>
    public DateTimeOffset? LastRun
    {
        get
        {
            lock (_lock)
            {
                return _lastRun is { } epoch ? DateTimeOffset.FromUnixTimeSeconds(epoch) : null;
            }
        }
    }

    /// <summary>How many cursors are held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _cursors.Count;
            }
        }
    }

    public string? GetCursor(string key)
    {
        lock (_lock)
        {
            return _cursors.GetValueOrDefault(key);
        }
    }

    /// <summary>Sets one cursor (<c>last_run</c> is not touched: a commit says nothing about the other collections).</summary>
    public void SetCursor(string key, string cursor)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(cursor);
        lock (_lock)
        {
            _cursors[key] = cursor;
        }
    }

    /// <summary>
    /// Records that the run started at <paramref name="runStart"/> read every collection to its end: the Python connector
    /// may start every collection there (it writes its own run's start the same way). Whole seconds, rounded down.
    /// </summary>
    public void SetLastRun(DateTimeOffset runStart)
    {
        lock (_lock)
        {
            _lastRun = runStart.ToUnixTimeSeconds();
        }
    }

    /// <summary>
    /// Replaces everything with a stored state (JSON text; null, empty, <c>"null"</c> or <c>{}</c> mean none: a reset).
    /// Text that is not a JSON object is treated as no state.
    /// </summary>
    public void Load(string? json)
    {
        lock (_lock)
        {
            _cursors.Clear();
            _lastRun = null;
            _migratedLastRun = null;
            if (!TryParse(json, out var document))
            {
                return;
            }

            using (document)
            {
                var root = document!.RootElement;
                if (root.TryGetProperty("last_run"u8, out var lastRun) && TryReadEpoch(lastRun, out var epoch))
                {
                    _lastRun = epoch;
                }

                if (root.TryGetProperty("migrated_last_run"u8, out var migrated) && TryReadEpoch(migrated, out var migratedEpoch))
                {
                    _migratedLastRun = migratedEpoch;
                }

                if (root.TryGetProperty("cursors"u8, out var cursors) && cursors.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in cursors.EnumerateObject())
                    {
                        if (property.Value.ValueKind == JsonValueKind.String)
                        {
                            _cursors[property.Name] = property.Value.GetString()!;
                        }
                    }
                }
                else if (_lastRun is { } legacy)
                {
                    // The Python connector's state: one last_run for every collection.
                    _migratedLastRun = legacy;
                }
            }
        }
    }

    /// <summary>The JSON text to store: <c>null</c> when there is no state at all (what pycti sends for none).</summary>
    public string ToJson()
    {
        lock (_lock)
        {
            if (_cursors.Count == 0 && _lastRun is null && _migratedLastRun is null)
            {
                return "null";
            }

            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                if (_lastRun is { } lastRun)
                {
                    writer.WriteNumber("last_run"u8, lastRun);
                }

                if (_migratedLastRun is { } migratedLastRun)
                {
                    writer.WriteNumber("migrated_last_run"u8, migratedLastRun);
                }

                writer.WriteStartObject("cursors"u8);
                foreach (var (key, cursor) in _cursors.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(key, cursor);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    /// <summary>Whether two stored states mean the same thing (null, empty, <c>"null"</c> and <c>{}</c> are all "none").</summary>
    public static bool AreEquivalent(string? left, string? right)
    {
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return true;
        }

        var hasLeft = TryParse(left, out var a);
        var hasRight = TryParse(right, out var b);
        using (a)
        using (b)
        {
            return hasLeft == hasRight && (!hasLeft || JsonElement.DeepEquals(a!.RootElement, b!.RootElement));
        }
    }

    private static bool TryParse(string? json, out JsonDocument? document)
    {
        document = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return false;
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.EnumerateObject().Any())
        {
            return true;
        }

        document.Dispose();
        document = null;
        return false;
    }

    private static bool TryReadEpoch(JsonElement value, out long epoch)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out epoch):
                return true;
            case JsonValueKind.Number when value.TryGetDouble(out var d):
                epoch = (long)d;
                return true;
            case JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out epoch):
                return true;
            default:
                epoch = 0;
                return false;
        }
    }
}
