using System.IO.Hashing;
using System.Text;

namespace TaxiiConnector.Pipeline.Holding;

/// <summary>
/// A 64-bit hash of a STIX id: what the run remembers of an id instead of the id itself (8 bytes instead of ~100).
/// Two ids sharing a hash (about 1 in 10^7 over a million ids) only make one reference look already sent, which is how
/// every reference was treated before objects were held at all.
/// </summary>
internal static class IdHash
{
    /// <summary>Ids up to this many characters are encoded on the stack (STIX ids are about 60).</summary>
    private const int MaxStackBytes = 512;

    /// <summary>The hash of the id's UTF-8 encoding.</summary>
    public static ulong Of(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length <= MaxStackBytes / 3)
        {
            Span<byte> utf8 = stackalloc byte[MaxStackBytes];
            var written = Encoding.UTF8.GetBytes(id, utf8);
            return Finish(XxHash3.HashToUInt64(utf8[..written]));
        }

        return Finish(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(id)));
    }

    /// <summary>
    /// The same hash as <see cref="Of(string)"/> for the id read as UTF-8 (<paramref name="utf8"/>, unescaped), without
    /// building the string. Bytes that are not ASCII are decoded and encoded again, so ill-formed UTF-8 hashes as the
    /// string it decodes to.
    /// </summary>
    public static ulong OfUtf8(ReadOnlySpan<byte> utf8) =>
        Ascii.IsValid(utf8) ? Finish(XxHash3.HashToUInt64(utf8)) : Of(Encoding.UTF8.GetString(utf8));

    /// <summary><see cref="OfUtf8"/> for bytes the caller knows are ASCII.</summary>
    public static ulong OfAscii(ReadOnlySpan<byte> ascii) => Finish(XxHash3.HashToUInt64(ascii));

    /// <summary>Never 0, so a hash is the same whether or not a set stores it as is.</summary>
    private static ulong Finish(ulong hash) => hash == 0 ? 1 : hash;
}
