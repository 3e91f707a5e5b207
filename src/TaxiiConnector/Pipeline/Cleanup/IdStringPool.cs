using System.Text;
using System.Text.Json;

namespace TaxiiConnector.Pipeline.Cleanup;

/// <summary>
/// One string per distinct id for the length of one unit's clean-up. Every object of a page names the same author and
/// markings, and relationships and reports name the page's own objects: reading each reference as a new string made the
/// clean-up allocate more than the transformer. Looking an id up by its characters allocates nothing when it is known.
/// </summary>
internal sealed class IdStringPool
{
    /// <summary>Ids longer than this are read as strings without a stack buffer (STIX ids are about 60 characters).</summary>
    private const int MaxStackChars = 256;

    private readonly Dictionary<string, string> _ids;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public IdStringPool(int capacity)
    {
        _ids = new Dictionary<string, string>(capacity, StringComparer.Ordinal);
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The pooled instance of <paramref name="id"/> (which becomes the pooled one when it is new).</summary>
    public string Intern(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_ids.TryGetValue(id, out var pooled))
        {
            return pooled;
        }

        _ids.Add(id, id);
        return id;
    }

    /// <summary>The reader's current string token, pooled.</summary>
    public string Read(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (reader.ValueIsEscaped || reader.HasValueSequence || length > MaxStackChars)
        {
            return Intern(reader.GetString()!);
        }

        Span<char> chars = stackalloc char[MaxStackChars];
        var written = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        if (_lookup.TryGetValue(chars[..written], out var pooled))
        {
            return pooled;
        }

        var id = new string(chars[..written]);
        _ids.Add(id, id);
        return id;
    }
}
