using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// Where each property of one object lies in the object's raw UTF-8, so the properties kept as they are go out as a few
/// runs of raw bytes (one write per run) rather than a name and a value per property, each checked and copied again.
/// Reused object after object; not thread-safe (one per page being transformed).
/// </summary>
internal sealed class RawPropertyRuns
{
    private int[] _starts = new int[32];
    private int[] _ends = new int[32];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    /// <summary>Records the next property of the object whose raw JSON is <paramref name="objectJson"/>.</summary>
    /// <param name="rawName">The raw name (between its quotes), a slice of the same document as the object.</param>
    /// <param name="rawValue">The raw value, a slice of the same document.</param>
    public void Add(ReadOnlySpan<byte> objectJson, ReadOnlySpan<byte> rawName, ReadOnlySpan<byte> rawValue)
    {
        // A JsonDocument holds its JSON in one buffer: the name's opening quote is the byte before the raw name.
        var nameOffset = Offset(objectJson, rawName);
        var valueOffset = Offset(objectJson, rawValue);
        var start = nameOffset - 1;
        var end = valueOffset + rawValue.Length;
        if (nameOffset < 2 || valueOffset <= nameOffset || end >= objectJson.Length)
        {
            throw new InvalidOperationException("A property does not lie inside its object's raw JSON.");
        }

        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _ends, Count * 2);
        }

        _starts[Count] = start;
        _ends[Count] = end;
        Count++;
    }

    /// <summary>
    /// Writes every property whose position is not in <paramref name="skip"/>, in order, as the producer wrote it.
    /// The writer must skip validation: each run goes in as one raw "value" inside the open object, and the writer
    /// puts the comma before it (and before whatever follows) as it does between properties.
    /// </summary>
    public void WriteKept(Utf8JsonWriter writer, ReadOnlySpan<byte> objectJson, ReadOnlySpan<int> skip)
    {
        var runStart = -1;
        var runEnd = 0;
        for (var position = 0; position < Count; position++)
        {
            if (skip.IndexOf(position) >= 0)
            {
                if (runStart >= 0)
                {
                    writer.WriteRawValue(objectJson[runStart..runEnd], skipInputValidation: true);
                    runStart = -1;
                }

                continue;
            }

            if (runStart < 0)
            {
                runStart = _starts[position];
            }

            runEnd = _ends[position];
        }

        if (runStart >= 0)
        {
            writer.WriteRawValue(objectJson[runStart..runEnd], skipInputValidation: true);
        }
    }

    private static int Offset(ReadOnlySpan<byte> outer, ReadOnlySpan<byte> inner)
    {
        var offset = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(outer), ref MemoryMarshal.GetReference(inner));
        return offset < 0 || offset > outer.Length ? -1 : (int)offset;
    }
}
