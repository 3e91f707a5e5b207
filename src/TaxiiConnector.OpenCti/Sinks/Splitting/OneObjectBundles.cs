using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TaxiiConnector.Stix.Buffers;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.OpenCti.Sinks.Splitting;

/// <summary>
/// A bundle cut the way the platform's workers want it (pycti's <c>OpenCTIStix2Splitter</c>): one single-object bundle
/// per distinct object id (the last occurrence wins), in ascending dependency count (referenced objects first),
/// <c>{"type":"bundle","id":...,"spec_version":"2.1","x_opencti_seq":n,"objects":[obj]}</c>, each already base64-encoded
/// for a queue message's <c>content</c>. The object bytes are copied as the bundle holds them (no re-serialisation); all
/// contents live in one pooled buffer, returned on <see cref="Dispose"/>.
/// </summary>
internal sealed class OneObjectBundles : IDisposable
{
    /// <summary>A chain of references longer than this is counted as ending there (no unbounded recursion on hostile input).</summary>
    private const int MaxDependencyDepth = 256;

    private static readonly byte[] AfterSequence = ",\"objects\":["u8.ToArray();
    private static readonly byte[] Suffix = "]}"u8.ToArray();

    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly string?[] _sharedIds;
    private byte[]? _buffer;

    private OneObjectBundles(byte[] buffer, int[] starts, int[] lengths, string?[] sharedIds, int count)
    {
        _buffer = buffer;
        _starts = starts;
        _lengths = lengths;
        _sharedIds = sharedIds;
        Count = count;
    }

    /// <summary>How many one-object bundles, in publishing order.</summary>
    public int Count { get; }

    /// <summary>The base64 of the <paramref name="index"/>-th one-object bundle's UTF-8 JSON.</summary>
    public ReadOnlySpan<byte> Base64Content(int index)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        return _buffer.AsSpan(_starts[index], _lengths[index]);
    }

    /// <summary>The id of the object when it is one the connector adds to every bundle (author, marking); null otherwise.</summary>
    public string? SharedObjectId(int index) => _sharedIds[index];

    public static OneObjectBundles Create(StixBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        using var document = JsonDocument.Parse(bundle.Json);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("objects"u8, out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("The bundle has no objects array.");
        }

        var objects = new List<JsonElement>(bundle.ObjectCount);
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                objects.Add(item);
            }
        }

        var ids = new string?[objects.Count];
        var byId = new Dictionary<string, int>(objects.Count, StringComparer.Ordinal);
        for (var i = 0; i < objects.Count; i++)
        {
            ids[i] = ReadString(objects[i], "id"u8);
            if (ids[i] is { } id)
            {
                byId[id] = i;
            }
        }

        for (var i = 0; i < objects.Count; i++)
        {
            if (ReadString(objects[i], "x_opencti_id"u8) is { } openCtiId)
            {
                byId.TryAdd(openCtiId, i);
            }
        }

        // Sorted by (dependency count, position): a stable order, as the platform's splitter gives.
        var lookup = byId.GetAlternateLookup<ReadOnlySpan<char>>();
        var memo = new long[objects.Count];
        var ancestors = new HashSet<int>();
        var keys = new List<(long Deps, int Index)>(objects.Count);
        for (var i = 0; i < objects.Count; i++)
        {
            // Duplicate ids collapse to their last occurrence; objects without an id are kept as they are.
            if (ids[i] is not { } id || byId[id] == i)
            {
                keys.Add((CountDependencies(i, objects, lookup, memo, ancestors, 0), i));
            }
        }

        keys.Sort(static (a, b) => a.Deps != b.Deps ? a.Deps.CompareTo(b.Deps) : a.Index.CompareTo(b.Index));
        var prefix = InnerPrefix(bundle.Id);
        var total = 0L;
        foreach (var key in keys)
        {
            total += Base64.GetMaxEncodedToUtf8Length(InnerLength(prefix, key.Deps, objects[key.Index]));
        }

        var buffer = PageBufferPool.Bytes.Rent(checked((int)total));
        var scratch = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var starts = new int[keys.Count];
            var lengths = new int[keys.Count];
            var sharedIds = new string?[keys.Count];
            var position = 0;
            for (var n = 0; n < keys.Count; n++)
            {
                var (deps, index) = keys[n];
                var length = InnerLength(prefix, deps, objects[index]);
                if (scratch.Length < length)
                {
                    ArrayPool<byte>.Shared.Return(scratch);
                    scratch = ArrayPool<byte>.Shared.Rent(length);
                }

                WriteInner(scratch, prefix, deps, JsonMarshal.GetRawUtf8Value(objects[index]));
                Base64.EncodeToUtf8(scratch.AsSpan(0, length), buffer.AsSpan(position), out _, out var written);
                starts[n] = position;
                lengths[n] = written;
                position += written;
                sharedIds[n] = index < bundle.SharedObjectCount ? ids[index] : null;
            }

            return new OneObjectBundles(buffer, starts, lengths, sharedIds, keys.Count);
        }
        catch
        {
            PageBufferPool.Bytes.Return(buffer);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            PageBufferPool.Bytes.Return(buffer);
        }
    }

    /// <summary><c>{"type":"bundle","id":"bundle--…","spec_version":"2.1","x_opencti_seq":</c>, the id escaped as the platform's JSON would read it.</summary>
    private static byte[] InnerPrefix(string bundleId)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "bundle"u8);
            writer.WriteString("id"u8, bundleId);
            writer.WriteString("spec_version"u8, "2.1"u8);
            writer.WriteNumber("x_opencti_seq"u8, 0);
        }

        // Drops the placeholder 0: the sequence is written per object.
        return buffer.WrittenSpan[..^1].ToArray();
    }

    private static int InnerLength(byte[] prefix, long deps, JsonElement item) =>
        prefix.Length + Digits(deps) + AfterSequence.Length + JsonMarshal.GetRawUtf8Value(item).Length + Suffix.Length;

    private static void WriteInner(Span<byte> destination, byte[] prefix, long deps, ReadOnlySpan<byte> rawObject)
    {
        prefix.CopyTo(destination);
        var position = prefix.Length;
        deps.TryFormat(destination[position..], out var digits, provider: CultureInfo.InvariantCulture);
        position += digits;
        AfterSequence.CopyTo(destination[position..]);
        position += AfterSequence.Length;
        rawObject.CopyTo(destination[position..]);
        position += rawObject.Length;
        Suffix.CopyTo(destination[position..]);
    }

    private static int Digits(long value)
    {
        var digits = 1;
        for (; value >= 10; value /= 10)
        {
            digits++;
        }

        return digits;
    }

    /// <summary>
    /// 1 + the dependency counts of the objects it references, as the platform's splitter sums them: paths are counted,
    /// not distinct objects, so a deep web of references grows fast; the sum saturates instead of overflowing.
    /// </summary>
    private static long CountDependencies(int index, List<JsonElement> objects, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> byId,
        long[] memo, HashSet<int> ancestors, int depth)
    {
        if (memo[index] > 0)
        {
            return memo[index];
        }

        if (depth >= MaxDependencyDepth || !ancestors.Add(index))
        {
            return 1;
        }

        var count = 1L;
        foreach (var property in objects[index].EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            if (name.EndsWith("_ref"u8) && property.Value.ValueKind == JsonValueKind.String)
            {
                count = SaturatingAdd(count, Dependency(index, property.Value, objects, byId, memo, ancestors, depth));
            }
            else if (name.EndsWith("_refs"u8) && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var reference in property.Value.EnumerateArray())
                {
                    if (reference.ValueKind == JsonValueKind.String)
                    {
                        count = SaturatingAdd(count, Dependency(index, reference, objects, byId, memo, ancestors, depth));
                    }
                }
            }
        }

        ancestors.Remove(index);
        memo[index] = count;
        return count;
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long Dependency(int index, JsonElement reference, List<JsonElement> objects,
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> byId, long[] memo, HashSet<int> ancestors, int depth)
    {
        if (!TryFind(reference, byId, out var target) || target == index || ancestors.Contains(target))
        {
            return 0;
        }

        return CountDependencies(target, objects, byId, memo, ancestors, depth + 1);
    }

    /// <summary>Looks a reference up without building a string when its raw text has no escapes (ids never do).</summary>
    private static bool TryFind(JsonElement reference, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> byId, out int target)
    {
        var raw = JsonMarshal.GetRawUtf8Value(reference);
        var value = raw[1..^1];
        if (value.Length <= 256 && value.IndexOf((byte)'\\') < 0)
        {
            Span<char> chars = stackalloc char[256];
            var written = Encoding.UTF8.GetChars(value, chars);
            return byId.TryGetValue(chars[..written], out target);
        }

        return byId.Dictionary.TryGetValue(reference.GetString()!, out target);
    }

    private static string? ReadString(JsonElement item, ReadOnlySpan<byte> name) =>
        item.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;
}
