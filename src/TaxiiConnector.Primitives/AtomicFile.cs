namespace TaxiiConnector.Primitives;

/// <summary>
/// Whole-file replacement that a crash cannot tear: write a temporary file in the same directory (same file system),
/// flush it to disk, then rename it over the target. A reader sees the old file or the new one, never half of one, and
/// once the call returns the new content survives a power loss. Temporary files end in <c>.tmp</c>.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/>. The work is synchronous (a handle, one positional
    /// write, fsync, rename): there is no asynchronous fsync, and a FileStream with its async state machine cost more CPU
    /// per file than the write itself. The task form stays for callers that sit on an async path.
    /// </summary>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        try
        {
            Write(path, content.Span);
            return Task.CompletedTask;
        }
#pragma warning disable CA1031 // Not swallowed: it faults the task, as an async method would.
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
#pragma warning restore CA1031
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> (see the type's remarks for the contract).</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                RandomAccess.Write(handle, content, fileOffset: 0);

                // Data on disk before the rename makes it visible; otherwise a power loss can leave an empty file.
                RandomAccess.FlushToDisk(handle);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
