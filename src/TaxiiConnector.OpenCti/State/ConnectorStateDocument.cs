using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace TaxiiConnector.OpenCti.State;

/// <summary>
/// The connector's state as stored in OpenCTI's <c>connector_state</c> (or the state file):
/// <c>{"last_run": &lt;epoch seconds&gt;, "cursors": {key: cursor}}</c>. <c>last_run</c> keeps the Python connector's shape,
/// so going back to it still works; the Python <c>{"last_run": epoch}</c> alone is read as <see cref="LegacyLastRun"/>.
/// Thread-safe.
/// </summary>
public sealed class ConnectorStateDocument
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _cursors = new(StringComparer.Ordinal);
    private long? _lastRun;
    private DateTimeOffset? _legacyLastRun;

    /// <summary>The Python connector's connector-wide <c>last_run</c>, when the loaded state had it and no cursor map.</summary>
    public DateTimeOffset? LegacyLastRun
    {
        get
        {
            lock (_lock)
            {
                return _legacyLastRun;
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

    /// <summary>Sets one cursor and the Python-compatible <c>last_run</c>.</summary>
    public void SetCursor(string key, string cursor, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(cursor);
        lock (_lock)
        {
            _cursors[key] = cursor;
            _lastRun = now.ToUnixTimeSeconds();
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
            _legacyLastRun = null;
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
                    _legacyLastRun = DateTimeOffset.FromUnixTimeSeconds(legacy);
                }
            }
        }
    }

    /// <summary>The JSON text to store: <c>null</c> when there is no state at all (what pycti sends for none).</summary>
    public string ToJson()
    {
        lock (_lock)
        {
            if (_cursors.Count == 0 && _lastRun is null)
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
