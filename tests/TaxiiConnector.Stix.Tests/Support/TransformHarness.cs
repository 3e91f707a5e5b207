using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Stix.Tests.Support;

internal static class TransformHarness
{
    public static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static StixTransformer Create(StixTransformerOptions options, ILogger<StixTransformer>? logger = null, TimeProvider? time = null) =>
        new(options, logger ?? NullLogger<StixTransformer>.Instance, time ?? new FakeTimeProvider(Now));

    /// <summary>Parses the entries as one page (like a TAXII envelope's objects) and transforms it.</summary>
    public static TransformedPage Run(StixTransformer transformer, params string[] entries)
    {
        using var document = JsonDocument.Parse("[" + string.Join(",", entries) + "]");
        var elements = document.RootElement.EnumerateArray().ToList();
        // The page must not depend on the source document once transformed.
        return transformer.Transform(elements);
    }

    public static TransformedPage Run(StixTransformerOptions options, params string[] entries) => Run(Create(options), entries);

    public static string Json(TransformedPage page, int index) => System.Text.Encoding.UTF8.GetString(page.GetObjectJson(index));
}
