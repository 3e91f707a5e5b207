namespace TaxiiConnector.Configuration.DataPaths;

/// <summary>
/// Answers "can this process write here?" without leaving anything behind: the nearest directory that exists (the
/// path itself, or the parent the connector would create it under) gets a file created and deleted at once.
/// </summary>
public static class WritableDirectoryProbe
{
    /// <summary>Null when <paramref name="directory"/> is (or can be created) writable; otherwise why not, in a few words.</summary>
    public static string? WhyNotWritable(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string existing;
        try
        {
            existing = Path.GetFullPath(directory);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return "is not a valid path";
        }

        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return $"'{existing}' is a file, not a directory";
            }

            var parent = Path.GetDirectoryName(existing);
            if (parent is null)
            {
                return "has no existing parent directory";
            }

            existing = parent;
        }

        var probe = Path.Combine(existing, $".write-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"'{existing}' is not writable by this user";
        }
        catch (IOException exception)
        {
            return $"'{existing}' is not writable ({exception.Message.TrimEnd('.')})";
        }
    }
}
