using System.Buffers;
using System.Text;

namespace TaxiiConnector.Stix.Ids;

/// <summary>Name-based UUIDs, version 5 (RFC 4122 §4.3: SHA-1 over the namespace bytes then the UTF-8 name).</summary>
public static class UuidV5
{
    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var max = Encoding.UTF8.GetMaxByteCount(name.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var written = Encoding.UTF8.GetBytes(name, buffer);
            return Create(namespaceId, buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static Guid Create(Guid namespaceId, ReadOnlySpan<byte> utf8Name)
    {
        byte[]? rented = null;
        var length = 16 + utf8Name.Length;
        var input = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            // RFC 4122 hashes the namespace in network byte order, then the name.
            namespaceId.TryWriteBytes(input, bigEndian: true, out _);
            utf8Name.CopyTo(input[16..]);
            Span<byte> hash = stackalloc byte[Sha1.HashSizeInBytes];
            Sha1.HashData(input, hash);
            var bytes = hash[..16];
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes, bigEndian: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
