using System.Globalization;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Pipeline;

namespace TaxiiConnector.Reports;

/// <summary>
/// Keeps the reports of the last <see cref="Kept"/> runs as <c>{data_dir}/runs/{start time}.json</c> and reads the
/// newest back for <c>GET /runs/latest</c>. File names sort by time, so the newest is the last by name.
/// </summary>
internal sealed partial class RunReportStore
{
    public const int Kept = 100;

    private readonly ILogger<RunReportStore> _logger;

    public RunReportStore(string directory, ILogger<RunReportStore> logger)
    {
        Directory = directory;
        _logger = logger;
    }

    /// <summary>The <c>runs</c> directory.</summary>
    public string Directory { get; }

    /// <summary>Writes the report (atomically: a reader never sees half a file), then trims to the last <see cref="Kept"/>.</summary>
    public string? Write(RunReport report, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        var name = startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + ".json";
        var path = Path.Combine(Directory, name);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var temporary = path + ".tmp";
            File.WriteAllBytes(temporary, RunReportJson.Serialize(report));
            File.Move(temporary, path, overwrite: true);
            foreach (var old in Reports().SkipLast(Kept))
            {
                File.Delete(old);
            }

            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.WriteFailed(_logger, path, ex.Message);
            return null;
        }
    }

    /// <summary>The newest report's bytes, or null when there is none.</summary>
    public byte[]? ReadLatest()
    {
        try
        {
            var latest = Reports().LastOrDefault();
            return latest is null ? null : File.ReadAllBytes(latest);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private IEnumerable<string> Reports() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal)
        : [];

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.RunReportWriteFailed, EventName = nameof(LogEventIds.RunReportWriteFailed), Level = LogLevel.Warning,
            Message = "Could not write the run report {Path} ({Reason}); the run itself is not affected. Check connector.data_dir (CONNECTOR_DATA_DIR) is writable")]
        public static partial void WriteFailed(ILogger logger, string path, string reason);
    }
}
