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
        for (var t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(t * 4)..]);
        }

        for (var t = 16; t < 80; t++)
        {
            w[t] = BitOperations.RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        }

        // Four loops of 20 rounds, so no round pays for choosing its function.
        uint a = state.A, b = state.B, c = state.C, d = state.D, e = state.E;
        var i = 0;
        for (; i < 20; i++)
        {
            Round(ref a, ref b, ref c, ref d, ref e, ((b & c) | (~b & d)) + 0x5A827999 + w[i]);
        }

        for (; i < 40; i++)
        {
            Round(ref a, ref b, ref c, ref d, ref e, (b ^ c ^ d) + 0x6ED9EBA1 + w[i]);
        }

        for (; i < 60; i++)
        {
            Round(ref a, ref b, ref c, ref d, ref e, ((b & c) | (b & d) | (c & d)) + 0x8F1BBCDC + w[i]);
        }

        for (; i < 80; i++)
        {
            Round(ref a, ref b, ref c, ref d, ref e, (b ^ c ^ d) + 0xCA62C1D6 + w[i]);
        }

        state = new State(state.A + a, state.B + b, state.C + c, state.D + d, state.E + e);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Round(ref uint a, ref uint b, ref uint c, ref uint d, ref uint e, uint functionConstantAndWord)
    {
        var next = BitOperations.RotateLeft(a, 5) + functionConstantAndWord + e;
        e = d;
        d = c;
        c = BitOperations.RotateLeft(b, 30);
        b = a;
        a = next;
    }

    private readonly record struct State(uint A, uint B, uint C, uint D, uint E);
}
