using System.Globalization;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Primitives;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.OpenCti.Sinks;

/// <summary>
/// Dry runs and the demo: each bundle becomes one JSON file, written atomically and named
/// <c>{sequence:D8}-{collection}.json</c> so a directory listing shows the push order. The sequence continues after the
/// files already there.
/// </summary>
public sealed partial class DirectorySink : IBundleSink, IDisposable
{
    private const int SequenceDigits = 8;

    private readonly string _directory;
    private readonly ILogger<DirectorySink> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _sequence = -1;

    public DirectorySink(string directory, ILogger<DirectorySink> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = Path.GetFullPath(directory);
        _logger = logger;
    }

    public string Name => "directory";

    /// <summary>The output directory's full path.</summary>
    public string Directory => _directory;

    public async ValueTask PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(context);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_sequence < 0)
            {
                _sequence = LastSequence(_directory);
            }

            var next = _sequence + 1;
            var name = string.Create(CultureInfo.InvariantCulture, $"{next.ToString(new string('0', SequenceDigits), CultureInfo.InvariantCulture)}-{Sanitize(context.Collection)}.json");
            var path = Path.Combine(_directory, name);
            await AtomicFile.WriteAsync(path, bundle.Json, cancellationToken).ConfigureAwait(false);
            _sequence = next;
            Log.Written(_logger, path, bundle.ObjectCount);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    internal static long LastSequence(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return 0;
        }

        long last = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*.json"))
        {
            var name = Path.GetFileName(file.AsSpan());
            var dash = name.IndexOf('-');
            if (dash > 0 && long.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > last)
            {
                last = sequence;
            }
        }

        return last;
    }

    internal static string Sanitize(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "bundle";
        }

        var chars = value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').Take(80).ToArray();
        return new string(chars).Trim('.');
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.DirectoryBundleWritten, EventName = nameof(LogEventIds.DirectoryBundleWritten), Level = LogLevel.Debug, Message = "Wrote {Path} ({ObjectCount} objects)")]
        public static partial void Written(ILogger logger, string path, int objectCount);
    }
}
