using System.Text.Json;

namespace TaxiiConnector.IntegrationTests.Infrastructure;

/// <summary>Reads what a directory sink wrote: one STIX bundle per <c>*.json</c> file.</summary>
internal static class BundleFiles
{
    public static IReadOnlyList<string> List(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Where(IsBundleFile).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Every object (id, type) of every complete bundle file, duplicates kept.</summary>
    public static IReadOnlyList<(string Id, string Type)> Objects(string directory)
    {
        var objects = new List<(string, string)>();
        foreach (var file in List(directory))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var item in document.RootElement.GetProperty("objects").EnumerateArray())
            {
                objects.Add((item.GetProperty("id").GetString()!, item.GetProperty("type").GetString()!));
            }
        }

        return objects;
    }

    private static bool IsBundleFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[64];
            var read = stream.Read(head);
            return read > 0 && System.Text.Encoding.UTF8.GetString(head[..read]).Contains("\"bundle\"", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
