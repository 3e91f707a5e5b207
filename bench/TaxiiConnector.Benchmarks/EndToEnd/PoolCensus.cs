using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// Counts the large byte arrays (≥ 512 KiB) each array pool of the process holds, by walking the pool's fields: which
/// pool's retention makes up the working set. Diagnostic only (stderr); it reads private runtime fields by reflection.
/// </summary>
internal static class PoolCensus
{
    private const int Large = 512 * 1024;

    public static string Describe()
    {
        var pools = new (string Name, object? Pool)[]
        {
            ("shared", ArrayPool<byte>.Shared),
            ("taxii_body", Static("TaxiiConnector.Taxii.Taxii2.ParsedBody, TaxiiConnector.Taxii", "Pool")),
            ("page_buffers", Static("TaxiiConnector.Stix.Buffers.PageBufferPool, TaxiiConnector.Stix", "Bytes")),
        };
        return "pools:" + string.Concat(pools.Select(p => string.Create(CultureInfo.InvariantCulture, $" {p.Name}={Count(p.Pool)}")));
    }

    private static object? Static(string type, string field) =>
        Type.GetType(type)?.GetField(field, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null);

    private static string Count(object? pool)
    {
        if (pool is null)
        {
            return "n/a";
        }

        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var sizes = new SortedDictionary<int, int>();
        Walk(pool, seen, sizes, 0);
        return sizes.Count == 0 ? "0" : string.Join('+', sizes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Value}x{s.Key / 1024}K")));
    }

    private static void Walk(object item, HashSet<object> seen, SortedDictionary<int, int> sizes, int depth)
    {
        if (depth > 8 || !seen.Add(item))
        {
            return;
        }

        if (item is byte[] bytes)
        {
            if (bytes.Length >= Large)
            {
                sizes[bytes.Length] = sizes.GetValueOrDefault(bytes.Length) + 1;
            }

            return;
        }

        var type = item.GetType();
        if (type.IsPrimitive || item is string or Type)
        {
            return;
        }

        if (item is Array array && !type.GetElementType()!.IsPrimitive)
        {
            foreach (var element in array)
            {
                if (element is not null)
                {
                    Walk(element, seen, sizes, depth + 1);
                }
            }

            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ConditionalWeakTable<,>))
        {
            foreach (var entry in (IEnumerable)item)
            {
                var key = entry.GetType().GetProperty("Key")!.GetValue(entry);
                if (key is not null)
                {
                    Walk(key, seen, sizes, depth + 1);
                }
            }

            return;
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.FieldType.IsPrimitive && field.GetValue(item) is { } value)
                {
                    Walk(value, seen, sizes, depth + 1);
                }
            }
        }
    }
}
