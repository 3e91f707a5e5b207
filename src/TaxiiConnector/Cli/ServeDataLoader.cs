using System.Security.Cryptography;
using System.Text;
using TaxiiConnector.Server.SampleData;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Cli;

/// <summary>
/// What <c>serve --data</c> serves: no path, the bundled demo collection; a file, one collection holding that STIX
/// bundle (or JSON array of objects); a directory, one collection per <c>*.json</c> file in it (not its sub-directories),
/// titled and aliased after the file name. A collection's id is derived from its file name, so it stays the same across
/// restarts and a connector pointed at the server keeps its state.
/// </summary>
internal static class ServeDataLoader
{
    /// <exception cref="FormatException">A file is not a bundle, an envelope or an array of objects.</exception>
    /// <exception cref="IOException">The path cannot be read.</exception>
    public static InMemoryTaxiiObjectStore Load(string? path, DateTimeOffset now)
    {
        if (path is null)
        {
            return DemoDataSet.Load();
        }

        var store = new InMemoryTaxiiObjectStore();
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                throw new FileNotFoundException($"{path} holds no *.json file to serve.");
            }

            foreach (var file in files)
            {
                AddFile(store, file, now);
            }

            return store;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist: give a STIX bundle file or a directory of them.");
        }

        AddFile(store, path, now);
        return store;
    }

    private static void AddFile(InMemoryTaxiiObjectStore store, string file, DateTimeOffset now)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var collection = new TaxiiCollectionInfo(CollectionId(name), name)
        {
            Alias = name,
            Description = $"Served from {Path.GetFileName(file)}.",
            CanRead = true,
            CanWrite = false,
        };
        store.AddCollection(collection);
        try
        {
            store.AddBundle(collection.Id, AsBundle(File.ReadAllBytes(file)), now);
        }
        catch (Exception exception) when (exception is FormatException or System.Text.Json.JsonException)
        {
            throw new FormatException($"{file}: {exception.Message}", exception);
        }
    }

    /// <summary>A bare JSON array of objects becomes <c>{"objects": [...]}</c>; anything else is read as a bundle or envelope.</summary>
    private static byte[] AsBundle(byte[] json)
    {
        var text = json.AsSpan().TrimStart("\uFEFF"u8).TrimStart(" \t\r\n"u8);
        if (text.Length == 0 || text[0] != (byte)'[')
        {
            return json;
        }

        return [.. "{\"objects\":"u8, .. text, .. "}"u8];
    }

    /// <summary>A UUID (version 5 layout) from the file name: stable, and distinct for distinct files.</summary>
    private static string CollectionId(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("taxii-connector-serve:" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
