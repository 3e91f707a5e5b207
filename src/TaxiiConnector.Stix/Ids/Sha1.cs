using System.Buffers.Binary;
using System.Numerics;

namespace TaxiiConnector.Stix.Ids;

/// <summary>
/// SHA-1 (FIPS 180-4) in managed code, for name-based UUIDs only: not a security primitive here, only a fixed function
/// of the name. Every indicator's original-id note needs one, and the platform's one-shot <c>SHA1.HashData</c> goes
/// to OpenSSL, which costs about 3 µs per call on Linux (a digest context set up each time): more than the whole rest
/// of the object's transformation. The result is identical (see the tests against <c>SHA1.HashData</c>).
/// </summary>
internal static class Sha1
{
    public const int HashSizeInBytes = 20;

    public static void HashData(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, HashSizeInBytes, nameof(destination));
        var state = new State(0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0);
        Span<uint> schedule = stackalloc uint[80];
        var whole = source.Length / 64 * 64;
        for (var offset = 0; offset < whole; offset += 64)
        {
            Compress(source.Slice(offset, 64), schedule, ref state);
        }

        // Padding: 0x80, zeros, then the message length in bits (big-endian), in one or two final blocks.
        Span<byte> tail = stackalloc byte[128];
        tail.Clear();
        var rest = source[whole..];
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        var tailLength = rest.Length + 9 <= 64 ? 64 : 128;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], (ulong)source.Length * 8);
        Compress(tail[..64], schedule, ref state);
        if (tailLength == 128)
        {
            Compress(tail[64..], schedule, ref state);
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, state.A);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], state.B);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], state.C);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], state.D);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], state.E);
    }

    private static void Compress(ReadOnlySpan<byte> block, Span<uint> w, ref State state)
    {
        for (var i = 0; i < 16; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
        }

        for (var i = 16; i < 80; i++)
        {
            w[i] = BitOperations.RotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        }

        uint a = state.A, b = state.B, c = state.C, d = state.D, e = state.E;
        for (var i = 0; i < 80; i++)
        {
            uint f, k;
            if (i < 20)
            {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            }
            else if (i < 40)
            {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            }
            else if (i < 60)
            {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            }
            else
            {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }

            var next = BitOperations.RotateLeft(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = BitOperations.RotateLeft(b, 30);
            b = a;
            a = next;
        }

        state = new State(state.A + a, state.B + b, state.C + c, state.D + d, state.E + e);
    }

    private readonly record struct State(uint A, uint B, uint C, uint D, uint E);
}
