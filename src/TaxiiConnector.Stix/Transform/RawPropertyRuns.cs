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

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    /// <summary>Records the next property of the object whose raw JSON is <paramref name="objectJson"/>.</summary>
    /// <param name="rawName">The raw name (between its quotes), a slice of the same document as the object.</param>
    public void Add(ReadOnlySpan<byte> objectJson, ReadOnlySpan<byte> rawName)
    {
        // A JsonDocument holds its JSON in one buffer: the name's opening quote is the byte before the raw name.
        // Only starts are recorded: a run ends where the separators before the next property (or '}') begin, which
        // spares a lookup of every value's end in the document's metadata.
        var nameOffset = Offset(objectJson, rawName);
        if (nameOffset < 2 || nameOffset >= objectJson.Length - 1 || (Count > 0 && nameOffset <= _starts[Count - 1]))
        {
            throw new InvalidOperationException("A property does not lie inside its object's raw JSON.");
        }

        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
        }

        _starts[Count++] = nameOffset - 1;
    }

    /// <summary>
    /// Writes every property whose position is not in <paramref name="skip"/>, in order, as the producer wrote it.
    /// The writer must skip validation: each run goes in as one raw "value" inside the open object, and the writer
    /// puts the comma before it (and before whatever follows) as it does between properties.
    /// </summary>
    public void WriteKept(Utf8JsonWriter writer, ReadOnlySpan<byte> objectJson, ReadOnlySpan<int> skip)
    {
        var runStart = -1;
        for (var position = 0; position < Count; position++)
        {
            if (skip.IndexOf(position) >= 0)
            {
                if (runStart >= 0)
                {
                    writer.WriteRawValue(objectJson[runStart..EndOf(objectJson, position - 1)], skipInputValidation: true);
                    runStart = -1;
                }

                continue;
            }

            if (runStart < 0)
            {
                runStart = _starts[position];
            }
        }

        if (runStart >= 0)
        {
            writer.WriteRawValue(objectJson[runStart..EndOf(objectJson, Count - 1)], skipInputValidation: true);
        }
    }

    /// <summary>The end (exclusive) of property <paramref name="position"/>'s value.</summary>
    private int EndOf(ReadOnlySpan<byte> objectJson, int position)
    {
        // Back from the next property's quote over whitespace and its comma, or from the object's '}' over whitespace.
        int end;
        if (position + 1 < Count)
        {
            end = SkipWhitespaceBack(objectJson, _starts[position + 1]);
            end = SkipWhitespaceBack(objectJson, end - 1);
        }
        else
        {
            end = SkipWhitespaceBack(objectJson, objectJson.Length - 1);
        }

        return end;
    }

    /// <summary>The position after the last non-whitespace byte before <paramref name="index"/>.</summary>
    private static int SkipWhitespaceBack(ReadOnlySpan<byte> json, int index)
    {
        while (index > 0 && json[index - 1] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            index--;
        }

        return index;
    }

    private static int Offset(ReadOnlySpan<byte> outer, ReadOnlySpan<byte> inner)
    {
        var offset = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(outer), ref MemoryMarshal.GetReference(inner));
        return offset < 0 || offset > outer.Length ? -1 : (int)offset;
    }
}
