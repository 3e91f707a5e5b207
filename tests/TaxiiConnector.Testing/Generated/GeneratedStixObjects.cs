using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TaxiiConnector.Testing.Generated;

/// <summary>The kinds of object a generated collection mixes.</summary>
internal enum GeneratedKind : byte
{
    Indicator,
    Ipv4Address,
    DomainName,
    Url,
    File,
    Relationship,
    Report,
}

/// <summary>
/// Writes generated object i straight into a <see cref="Utf8JsonWriter"/> from a pseudo-random stream seeded by (seed, i):
/// no per-object strings or buffers on the heap, so serving a page allocates next to nothing. Values are documentation
/// values only (RFC 5737 addresses, example.* names, made-up hashes).
/// </summary>
internal sealed class GeneratedStixObjects
{
    private const int IdLength = 36;
    private const int MaxTypeLength = 16;
    private const int MaxTextLength = 1200;
    private const string AuthorId = "identity--0d6f2c4a-9b1e-4f3d-8a7c-5e2b1d0c9f8a";
    private const string TlpGreen = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";

    private static readonly byte[][] Words = (
            "campaign infrastructure observed loader beacon staging server payload credential phishing lure domain " +
            "certificate rotation overlap actor cluster sample dropper persistence registry scheduled task exfiltration " +
            "archive encrypted channel operator tooling reuse victim sector finance healthcare logistics telemetry " +
            "sinkhole resolution passive dns hosting provider autonomous system redirect tracking analysis confidence")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(Encoding.ASCII.GetBytes)
        .ToArray();

    private static readonly byte[][] Labels = ["high"u8.ToArray(), "medium"u8.ToArray(), "low"u8.ToArray()];
    private static readonly int[] Confidences = [85, 50, 15];
    private static readonly byte[][] IndicatorTypes = ["malicious-activity"u8.ToArray(), "anomalous-activity"u8.ToArray(), "compromised"u8.ToArray(), "attribution"u8.ToArray()];
    private static readonly byte[][] KillChainPhases = ["delivery"u8.ToArray(), "exploitation"u8.ToArray(), "installation"u8.ToArray(), "command-and-control"u8.ToArray()];
    private static readonly byte[][] Subnets = ["192.0.2."u8.ToArray(), "198.51.100."u8.ToArray(), "203.0.113."u8.ToArray()];
    private static readonly byte[][] DomainRoots = [".example.com"u8.ToArray(), ".example.net"u8.ToArray(), ".example.org"u8.ToArray()];

    private readonly ulong _seed;
    private readonly DateTimeOffset _firstDateAdded;
    private readonly long _intervalTicks;

    public GeneratedStixObjects(ulong seed, DateTimeOffset firstDateAdded, TimeSpan dateAddedInterval)
    {
        _seed = seed;
        _firstDateAdded = firstDateAdded;
        _intervalTicks = dateAddedInterval.Ticks;
    }

    public DateTimeOffset DateAddedOf(long index) => _firstDateAdded.AddTicks(index * _intervalTicks);

    public static string TypeName(GeneratedKind kind) => kind switch
    {
        GeneratedKind.Indicator => "indicator",
        GeneratedKind.Ipv4Address => "ipv4-addr",
        GeneratedKind.DomainName => "domain-name",
        GeneratedKind.Url => "url",
        GeneratedKind.File => "file",
        GeneratedKind.Relationship => "relationship",
        _ => "report",
    };

    private static ReadOnlySpan<byte> TypeNameUtf8(GeneratedKind kind) => kind switch
    {
        GeneratedKind.Indicator => "indicator"u8,
        GeneratedKind.Ipv4Address => "ipv4-addr"u8,
        GeneratedKind.DomainName => "domain-name"u8,
        GeneratedKind.Url => "url"u8,
        GeneratedKind.File => "file"u8,
        GeneratedKind.Relationship => "relationship"u8,
        _ => "report"u8,
    };

    /// <summary>The mix: 40 % indicators, 25 % observables, 25 % relationships, 10 % reports (early indexes are indicators, so references point back).</summary>
    public GeneratedKind KindOf(long index)
    {
        if (index < 64)
        {
            return GeneratedKind.Indicator;
        }

        var roll = Mix(_seed, (ulong)index, 0x4B1D) % 100;
        return roll switch
        {
            < 40 => GeneratedKind.Indicator,
            < 48 => GeneratedKind.Ipv4Address,
            < 56 => GeneratedKind.DomainName,
            < 61 => GeneratedKind.Url,
            < 65 => GeneratedKind.File,
            < 90 => GeneratedKind.Relationship,
            _ => GeneratedKind.Report,
        };
    }

    public string IdOf(long index)
    {
        Span<byte> id = stackalloc byte[MaxTypeLength + 2 + IdLength];
        return Encoding.ASCII.GetString(id[..FormatId(index, id)]);
    }

    public string? VersionOf(long index) => KindOf(index) switch
    {
        GeneratedKind.Ipv4Address or GeneratedKind.DomainName or GeneratedKind.Url or GeneratedKind.File => null,
        _ => Encoding.ASCII.GetString(FormatStixTime(Modified(index), stackalloc byte[32])),
    };

    public void Write(long index, Utf8JsonWriter writer)
    {
        var dateAdded = DateAddedOf(index);
        var kind = KindOf(index);
        var random = new ObjectRandom(Mix(_seed, (ulong)index, 0xB0D1));
        Span<byte> id = stackalloc byte[MaxTypeLength + 2 + IdLength];
        var idLength = FormatId(index, id);

        writer.WriteStartObject();
        writer.WriteString("type"u8, TypeNameUtf8(kind));
        writer.WriteString("spec_version"u8, "2.1"u8);
        writer.WriteString("id"u8, id[..idLength]);
        switch (kind)
        {
            case GeneratedKind.Indicator:
                WriteIndicator(index, dateAdded, writer, ref random);
                break;
            case GeneratedKind.Relationship:
                WriteRelationship(index, writer, ref random);
                break;
            case GeneratedKind.Report:
                WriteReport(index, writer, ref random);
                break;
            default:
                WriteObservable(kind, index, writer, ref random);
                break;
        }

        writer.WriteEndObject();
    }

    private void WriteIndicator(long index, DateTimeOffset dateAdded, Utf8JsonWriter writer, ref ObjectRandom random)
    {
        WriteCommonDomainProperties(index, writer);
        Span<byte> text = stackalloc byte[MaxTextLength];

        var length = Append(text, 0, "Generated indicator "u8);
        length = AppendNumber(text, length, index);
        writer.WriteString("name"u8, text[..length]);
        writer.WriteString("description"u8, text[..WriteWords(text, ref random, 20, 110)]);
        writer.WriteStartArray("indicator_types"u8);
        writer.WriteStringValue(IndicatorTypes[random.Next(IndicatorTypes.Length)]);
        writer.WriteEndArray();

        writer.WriteString("pattern"u8, text[..WritePattern(text, index, ref random)]);
        writer.WriteString("pattern_type"u8, "stix"u8);
        writer.WriteString("pattern_version"u8, "2.1"u8);
        writer.WriteString("valid_from"u8, FormatStixTime(dateAdded.AddDays(-random.Next(30)), stackalloc byte[32]));

        var level = random.Next(Labels.Length);
        writer.WriteStartArray("labels"u8);
        writer.WriteStringValue(Labels[level]);
        writer.WriteEndArray();
        writer.WriteNumber("confidence"u8, Confidences[level]);

        writer.WriteStartArray("kill_chain_phases"u8);
        writer.WriteStartObject();
        writer.WriteString("kill_chain_name"u8, "lockheed-martin-cyber-kill-chain"u8);
        writer.WriteString("phase_name"u8, KillChainPhases[random.Next(KillChainPhases.Length)]);
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartArray("external_references"u8);
        writer.WriteStartObject();
        writer.WriteString("source_name"u8, "Generated feed"u8);
        length = Append(text, 0, "https://feed.example.org/indicators/"u8);
        length = AppendNumber(text, length, index);
        writer.WriteString("url"u8, text[..length]);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private void WriteObservable(GeneratedKind kind, long index, Utf8JsonWriter writer, ref ObjectRandom random)
    {
        Span<byte> text = stackalloc byte[MaxTextLength];
        if (kind == GeneratedKind.File)
        {
            writer.WriteStartObject("hashes"u8);
            writer.WriteString("SHA-256"u8, text[..AppendHex(text, 0, ref random, 64)]);
            writer.WriteString("MD5"u8, text[..AppendHex(text, 0, ref random, 32)]);
            writer.WriteEndObject();
            var length = Append(text, 0, "sample_"u8);
            length = AppendNumber(text, length, index);
            length = Append(text, length, ".bin"u8);
            writer.WriteString("name"u8, text[..length]);
            writer.WriteNumber("size"u8, 1024 + random.Next(4_000_000));
        }
        else
        {
            writer.WriteString("value"u8, text[..WriteObservableValue(text, kind, index, ref random)]);
        }

        writer.WriteStartArray("object_marking_refs"u8);
        writer.WriteStringValue(TlpGreen);
        writer.WriteEndArray();
        writer.WriteNumber("x_opencti_score"u8, 10 + random.Next(90));
        writer.WriteString("x_opencti_description"u8, text[..WriteWords(text, ref random, 45, 160)]);
    }

    private void WriteRelationship(long index, Utf8JsonWriter writer, ref ObjectRandom random)
    {
        WriteCommonDomainProperties(index, writer);
        var source = index - 1 - random.Next(48);
        var target = source - 1 - random.Next(12);
        var basedOn = KindOf(source) == GeneratedKind.Indicator && KindOf(target) is >= GeneratedKind.Ipv4Address and <= GeneratedKind.File;
        writer.WriteString("relationship_type"u8, basedOn ? "based-on"u8 : "related-to"u8);
        Span<byte> id = stackalloc byte[MaxTypeLength + 2 + IdLength];
        writer.WriteString("source_ref"u8, id[..FormatId(source, id)]);
        writer.WriteString("target_ref"u8, id[..FormatId(target, id)]);
        writer.WriteNumber("confidence"u8, Confidences[random.Next(Confidences.Length)]);
        Span<byte> text = stackalloc byte[MaxTextLength];
        writer.WriteString("description"u8, text[..WriteWords(text, ref random, 12, 120)]);
    }

    private void WriteReport(long index, Utf8JsonWriter writer, ref ObjectRandom random)
    {
        WriteCommonDomainProperties(index, writer);
        Span<byte> text = stackalloc byte[MaxTextLength];
        var length = Append(text, 0, "Generated report "u8);
        length = AppendNumber(text, length, index);
        writer.WriteString("name"u8, text[..length]);
        writer.WriteString("description"u8, text[..WriteWords(text, ref random, 8, 60)]);
        writer.WriteStartArray("report_types"u8);
        writer.WriteStringValue("threat-report"u8);
        writer.WriteEndArray();
        writer.WriteString("published"u8, FormatStixTime(Modified(index), stackalloc byte[32]));

        var count = 5 + random.Next(14);
        var step = 1 + random.Next(3);
        Span<byte> id = stackalloc byte[MaxTypeLength + 2 + IdLength];
        writer.WriteStartArray("object_refs"u8);
        for (var k = 0; k < count; k++)
        {
            writer.WriteStringValue(id[..FormatId(index - 1 - (k * step), id)]);
        }

        writer.WriteEndArray();
    }

    private void WriteCommonDomainProperties(long index, Utf8JsonWriter writer)
    {
        var created = FormatStixTime(Created(index), stackalloc byte[32]);
        writer.WriteString("created"u8, created);
        writer.WriteString("modified"u8, FormatStixTime(Modified(index), stackalloc byte[32]));
        writer.WriteString("created_by_ref"u8, AuthorId);
        writer.WriteStartArray("object_marking_refs"u8);
        writer.WriteStringValue(TlpGreen);
        writer.WriteEndArray();
    }

    private int WritePattern(Span<byte> text, long index, ref ObjectRandom random)
    {
        Span<byte> value = stackalloc byte[256];
        var shape = random.Next(5);
        int length;
        switch (shape)
        {
            case 0:
                length = Append(text, 0, "[ipv4-addr:value = '"u8);
                length = Append(text, length, value[..WriteObservableValue(value, GeneratedKind.Ipv4Address, index, ref random)]);
                break;
            case 1:
                length = Append(text, 0, "[domain-name:value = '"u8);
                length = Append(text, length, value[..WriteObservableValue(value, GeneratedKind.DomainName, index, ref random)]);
                break;
            case 2:
                length = Append(text, 0, "[url:value = '"u8);
                length = Append(text, length, value[..WriteObservableValue(value, GeneratedKind.Url, index, ref random)]);
                break;
            case 3:
                length = Append(text, 0, "[file:hashes.'SHA-256' = '"u8);
                length = AppendHex(text, length, ref random, 64);
                break;
            default:
                length = Append(text, 0, "[email-addr:value = 'user"u8);
                length = AppendNumber(text, length, index);
                length = Append(text, length, "@example.org"u8);
                break;
        }

        return Append(text, length, "']"u8);
    }

    private static int WriteObservableValue(Span<byte> text, GeneratedKind kind, long index, ref ObjectRandom random)
    {
        switch (kind)
        {
            case GeneratedKind.Ipv4Address:
                var length = Append(text, 0, Subnets[random.Next(Subnets.Length)]);
                return AppendNumber(text, length, 1 + random.Next(254));
            case GeneratedKind.DomainName:
                length = Append(text, 0, Words[random.Next(Words.Length)]);
                length = AppendNumber(text, length, index);
                return Append(text, length, DomainRoots[random.Next(DomainRoots.Length)]);
            default:
                length = Append(text, 0, "https://"u8);
                length = Append(text, length, Words[random.Next(Words.Length)]);
                length = Append(text, length, DomainRoots[random.Next(DomainRoots.Length)]);
                length = Append(text, length, "/"u8);
                length = Append(text, length, Words[random.Next(Words.Length)]);
                length = Append(text, length, "/"u8);
                return AppendNumber(text, length, index);
        }
    }

    private static int WriteWords(Span<byte> text, ref ObjectRandom random, int minWords, int maxWords)
    {
        var count = minWords + random.Next(maxWords - minWords + 1);
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            var word = Words[random.Next(Words.Length)];
            if (length + word.Length + 2 > text.Length)
            {
                break;
            }

            if (i > 0)
            {
                text[length++] = (byte)' ';
            }

            length = Append(text, length, word);
        }

        text[length++] = (byte)'.';
        return length;
    }

    // A producer creates an object a little before the server stores it: up to three days, whole milliseconds.
    private DateTimeOffset Created(long index)
    {
        var ticks = DateAddedOf(index).UtcTicks - (long)(Mix(_seed, (ulong)index, 0xC4EA) % (ulong)TimeSpan.FromDays(3).Ticks);
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private DateTimeOffset Modified(long index) =>
        Created(index).AddMinutes(Mix(_seed, (ulong)index, 0x30D1) % 600);

    /// <summary>Writes <c>{type}--{uuid}</c> for object <paramref name="index"/>; the UUID has the v4 layout.</summary>
    private int FormatId(long index, Span<byte> destination)
    {
        var type = TypeNameUtf8(KindOf(index));
        type.CopyTo(destination);
        var length = type.Length;
        destination[length++] = (byte)'-';
        destination[length++] = (byte)'-';
        var high = Mix(_seed, (ulong)index, 0x1D01);
        var low = Mix(_seed, (ulong)index, 0x1D02);
        high = (high & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL;
        low = (low & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        Span<byte> raw = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(raw, high);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(raw[8..], low);
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                destination[length++] = (byte)'-';
            }

            destination[length++] = HexDigit(raw[i] >> 4);
            destination[length++] = HexDigit(raw[i] & 0xF);
        }

        return length;
    }

    private static ReadOnlySpan<byte> FormatStixTime(DateTimeOffset value, Span<byte> destination)
    {
        value.UtcDateTime.TryFormat(destination, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return destination[..written];
    }

    private static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> value)
    {
        value.CopyTo(destination[at..]);
        return at + value.Length;
    }

    private static int AppendNumber(Span<byte> destination, int at, long value)
    {
        Utf8Formatter.TryFormat(value, destination[at..], out var written);
        return at + written;
    }

    private static int AppendHex(Span<byte> destination, int at, ref ObjectRandom random, int digits)
    {
        for (var i = 0; i < digits; i++)
        {
            destination[at++] = HexDigit(random.Next(16));
        }

        return at;
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);

    private static ulong Mix(ulong seed, ulong index, ulong stream) =>
        ObjectRandom.SplitMix(seed ^ ObjectRandom.SplitMix(index ^ (stream * 0x9E3779B97F4A7C15UL)));

    /// <summary>A SplitMix64 stream: tiny, fast, and the same on every platform and .NET version (unlike <see cref="Random"/>).</summary>
    private struct ObjectRandom
    {
        private ulong _state;

        public ObjectRandom(ulong state)
        {
            _state = state;
        }

        public static ulong SplitMix(ulong value)
        {
            value += 0x9E3779B97F4A7C15UL;
            value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
            value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
            return value ^ (value >> 31);
        }

        public int Next(int maxExclusive)
        {
            _state += 0x9E3779B97F4A7C15UL;
            return (int)(SplitMix(_state) % (ulong)maxExclusive);
        }
    }
}
