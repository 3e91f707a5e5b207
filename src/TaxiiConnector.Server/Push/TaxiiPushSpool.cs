using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Primitives;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Server.Push;

/// <summary>
/// The durable queue between the push endpoint and whatever pushes the objects on (the transformer and the sink).
/// An accepted envelope is written to <c>pending/</c> and fsync'd before the client hears 202; it leaves <c>pending/</c> only
/// after <see cref="CompleteAsync"/>, whose results are kept in <c>status/</c>. After a crash or a restart every envelope
/// still in <c>pending/</c> is delivered again, in arrival order: at least once, never lost.
/// </summary>
public sealed class TaxiiPushSpool
{
    internal const string EnvelopeProperty = "envelope";

    private readonly string _pendingDirectory;
    private readonly string _statusDirectory;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _statusRetention;
    private readonly Lock _pruneGate = new();
    private DateTimeOffset _lastPrune;
    private readonly Channel<SpooledEnvelope> _queue = Channel.CreateUnbounded<SpooledEnvelope>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, PushStatus> _statuses = new(StringComparer.Ordinal);

    private TaxiiPushSpool(string directory, TimeProvider timeProvider, TimeSpan statusRetention)
    {
        _timeProvider = timeProvider;
        _statusRetention = statusRetention;
        _pendingDirectory = Path.Combine(directory, "pending");
        _statusDirectory = Path.Combine(directory, "status");
    }

    /// <summary>Envelopes accepted and not yet completed.</summary>
    public int PendingCount => _statuses.Values.Count(s => s.Pendings.Count > 0);

    /// <summary>
    /// Opens (or creates) a spool directory and queues every envelope a previous process left pending. Completed statuses
    /// are kept for <paramref name="statusRetention"/> (TAXII asks for at least 24 hours), then forgotten, so a spool that
    /// runs for months does not grow without end.
    /// </summary>
    public static TaxiiPushSpool Open(string directory, TimeProvider timeProvider, TimeSpan statusRetention, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        logger ??= NullLogger.Instance;
        ArgumentOutOfRangeException.ThrowIfLessThan(statusRetention, TimeSpan.FromHours(24));
        var spool = new TaxiiPushSpool(directory, timeProvider, statusRetention);
        Directory.CreateDirectory(spool._pendingDirectory);
        Directory.CreateDirectory(spool._statusDirectory);
        spool.LoadCompletedStatuses(logger);
        spool.LoadPendingEnvelopes(logger);
        spool.PruneExpiredStatuses(force: true);
        return spool;
    }

    /// <summary>The envelopes to push, oldest first: those left from before a restart, then new ones as they arrive.</summary>
    public IAsyncEnumerable<SpooledEnvelope> ReadPendingAsync(CancellationToken cancellationToken) => _queue.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Records what became of each object and removes the envelope from the spool.</summary>
    public async Task CompleteAsync(SpooledEnvelope envelope, IReadOnlyList<PushObjectResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(results);
        var status = new PushStatus(envelope.StatusId, envelope.CollectionId, envelope.RequestTimestamp, [], results);
        await WriteDurablyAsync(Path.Combine(_statusDirectory, envelope.StatusId + ".json"), writer => WriteStatusRecord(writer, status), cancellationToken).ConfigureAwait(false);
        _statuses[envelope.StatusId] = status;
        File.Delete(envelope.Path);
        PruneExpiredStatuses(force: false);
    }

    public PushStatus? GetStatus(string statusId) => _statuses.GetValueOrDefault(statusId);

    /// <summary>Writes the envelope to disk (flushed to the device) and queues it; only then may the client hear 202.</summary>
    internal async Task<SpooledEnvelope> AppendAsync(
        string collectionId, string userName, DateTimeOffset requestTimestamp, ReadOnlyMemory<byte> envelopeJson, IReadOnlyList<PushObjectRef> objects, CancellationToken cancellationToken)
    {
        var statusId = Guid.NewGuid().ToString();

        // The tick prefix keeps arrival order when a restart lists the directory.
        var path = Path.Combine(_pendingDirectory, string.Create(CultureInfo.InvariantCulture, $"{requestTimestamp.UtcTicks:D19}-{statusId}.json"));
        await WriteDurablyAsync(
            path,
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("status_id"u8, statusId);
                writer.WriteString("collection_id"u8, collectionId);
                writer.WriteString("user"u8, userName);
                writer.WriteString("request_timestamp"u8, TaxiiTimestamp.Format(requestTimestamp));
                writer.WritePropertyName(EnvelopeProperty);
                writer.WriteRawValue(envelopeJson.Span, skipInputValidation: true);
                writer.WriteEndObject();
            },
            cancellationToken).ConfigureAwait(false);

        var envelope = new SpooledEnvelope(statusId, collectionId, userName, requestTimestamp, objects, path);
        _statuses[statusId] = new PushStatus(statusId, collectionId, requestTimestamp, objects, []);
        await _queue.Writer.WriteAsync(envelope, cancellationToken).ConfigureAwait(false);
        return envelope;
    }

    internal static IReadOnlyList<PushObjectRef> ReadObjectRefs(JsonElement objects, DateTimeOffset requestTimestamp)
    {
        var refs = new List<PushObjectRef>(objects.GetArrayLength());
        var fallbackVersion = TaxiiTimestamp.Format(requestTimestamp);
        foreach (var stixObject in objects.EnumerateArray())
        {
            var version = ReadString(stixObject, "modified") ?? ReadString(stixObject, "created") ?? fallbackVersion;
            refs.Add(new PushObjectRef(ReadString(stixObject, "id")!, version));
        }

        return refs;
    }

    private void PruneExpiredStatuses(bool force)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_pruneGate)
        {
            // At most hourly: a scan of every status on each completion would cost more than it saves.
            if (!force && now - _lastPrune < TimeSpan.FromHours(1))
            {
                return;
            }

            _lastPrune = now;
        }

        foreach (var (id, status) in _statuses)
        {
            if (status.Pendings.Count == 0 && now - status.RequestTimestamp > _statusRetention && _statuses.TryRemove(id, out _))
            {
                File.Delete(Path.Combine(_statusDirectory, id + ".json"));
            }
        }
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Renders the record, then replaces the file durably: a reader never sees half a file, and it is on the device before we say 202.</summary>
    private static async Task WriteDurablyAsync(string path, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        await AtomicFile.WriteAsync(path, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteStatusRecord(Utf8JsonWriter writer, PushStatus status)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, status.Id);
        writer.WriteString("collection_id"u8, status.CollectionId);
        writer.WriteString("request_timestamp"u8, TaxiiTimestamp.Format(status.RequestTimestamp));
        writer.WriteStartArray("results"u8);
        foreach (var result in status.Successes.Concat(status.Failures))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, result.Id);
            writer.WriteString("version"u8, result.Version);
            writer.WriteBoolean("succeeded"u8, result.Succeeded);
            if (result.Message is not null)
            {
                writer.WriteString("message"u8, result.Message);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private void LoadCompletedStatuses(ILogger logger)
    {
        foreach (var file in Directory.EnumerateFiles(_statusDirectory, "*.json"))
        {
            if (!TryReadFile(file, logger, out var document))
            {
                continue;
            }

            using (document)
            {
                var root = document.RootElement;
                var results = root.GetProperty("results").EnumerateArray()
                    .Select(r => new PushObjectResult(
                        r.GetProperty("id").GetString()!,
                        r.GetProperty("version").GetString()!,
                        r.GetProperty("succeeded").GetBoolean(),
                        r.TryGetProperty("message", out var message) ? message.GetString() : null))
                    .ToList();
                TaxiiTimestamp.TryParseWithZone(root.GetProperty("request_timestamp").GetString(), out var requestTimestamp);
                var id = root.GetProperty("id").GetString()!;
                _statuses[id] = new PushStatus(id, root.GetProperty("collection_id").GetString()!, requestTimestamp, [], results);
            }
        }
    }

    private void LoadPendingEnvelopes(ILogger logger)
    {
        // A .tmp file is an envelope whose 202 was never sent: the client will retry it, so it is dropped.
        foreach (var orphan in Directory.EnumerateFiles(_pendingDirectory, "*.tmp"))
        {
            File.Delete(orphan);
        }

        foreach (var file in Directory.EnumerateFiles(_pendingDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            if (!TryReadFile(file, logger, out var document))
            {
                continue;
            }

            using (document)
            {
                var root = document.RootElement;
                var statusId = root.GetProperty("status_id").GetString()!;
                if (_statuses.ContainsKey(statusId))
                {
                    // Completed just before a crash removed the file: the status file is the proof, the file a leftover.
                    File.Delete(file);
                    continue;
                }

                TaxiiTimestamp.TryParseWithZone(root.GetProperty("request_timestamp").GetString(), out var requestTimestamp);
                var objects = ReadObjectRefs(root.GetProperty(EnvelopeProperty).GetProperty("objects"), requestTimestamp);
                var envelope = new SpooledEnvelope(statusId, root.GetProperty("collection_id").GetString()!, root.GetProperty("user").GetString()!, requestTimestamp, objects, file);
                _statuses[statusId] = new PushStatus(statusId, envelope.CollectionId, requestTimestamp, objects, []);
                _queue.Writer.TryWrite(envelope);
            }
        }
    }

    /// <summary>
    /// Parses a spool file and checks the fields every reader needs. A damaged file (a disk error, a hand edit) is renamed
    /// to <c>*.unreadable</c> and logged, so one bad file never stops the endpoint from starting, and nothing is deleted.
    /// </summary>
    private static bool TryReadFile(string file, ILogger logger, [NotNullWhen(true)] out JsonDocument? document)
    {
        document = null;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            var hasFields = root.ValueKind == JsonValueKind.Object
                && (root.TryGetProperty("results", out _)
                    ? root.TryGetProperty("id", out _) && root.TryGetProperty("collection_id", out _) && root.TryGetProperty("request_timestamp", out _)
                    : root.TryGetProperty("status_id", out _) && root.TryGetProperty("collection_id", out _) && root.TryGetProperty("user", out _)
                        && root.TryGetProperty("request_timestamp", out _) && root.TryGetProperty(EnvelopeProperty, out var envelope)
                        && envelope.ValueKind == JsonValueKind.Object && envelope.TryGetProperty("objects", out var objects) && objects.ValueKind == JsonValueKind.Array);
            if (hasFields)
            {
                return true;
            }
        }
        catch (JsonException)
        {
            // Reported below with the other unreadable files.
        }

        document?.Dispose();
        document = null;
        File.Move(file, file + ".unreadable", overwrite: true);
        Log.SpoolFileUnreadable(logger, Path.GetFileName(file));
        return false;
    }
}
