using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace TaxiiConnector.OpenCti.Tests.Schema;

/// <summary>
/// OpenCTI's schema as another platform version would have it: OpenCTI 6.9's SDL (<c>Schema/opencti-schema.graphql</c>)
/// with fields of <c>RegisterConnectorInput</c> and <c>ConnectorConfig</c> removed or added. The variants are written as
/// this small transformation, not as copied schema files. Each variant is built once per test run (reference README
/// recipe: no Subscription block, unions without type resolvers, pass-through custom scalars).
/// </summary>
public sealed partial class OpenCtiSchemaVariant
{
    private static readonly string[] CustomScalars = ["DateTime", "ConstraintString", "ConstraintNumber", "Upload", "StixId", "StixRef", "Any", "JSON"];
    private static readonly ConcurrentDictionary<string, Lazy<ISchema>> Built = new(StringComparer.Ordinal);

    private OpenCtiSchemaVariant(string name, Func<string, string> transform)
    {
        Name = name;
        Transform = transform;
    }

    /// <summary>OpenCTI 6.9 as shipped.</summary>
    public static OpenCtiSchemaVariant Original { get; } = new("6.9", sdl => sdl);

    /// <summary>
    /// 6.4-like: before <c>listen_callback_uri</c> (pycti sends it from 6.5.7), <c>auto_update</c> and
    /// <c>enrichment_resolution</c> (from 6.8.9) and <c>ConnectorConfig.dead_letter_routing</c>.
    /// </summary>
    public static OpenCtiSchemaVariant Like64 { get; } = new("6.4-like", sdl => sdl
        .RemoveFields("input RegisterConnectorInput", "auto_update", "enrichment_resolution", "listen_callback_uri")
        .RemoveFields("type ConnectorConfig", "dead_letter_routing", "listen_callback_uri"));

    /// <summary>7.x-like as pycti 7 registers: <c>version</c> and <c>slug</c> added, one of today's input fields gone.</summary>
    public static OpenCtiSchemaVariant Like7WithVersionAndSlug { get; } = new("7.x-like with version and slug", sdl => sdl
        .RemoveFields("input RegisterConnectorInput", "auto_update")
        .AddFields("input RegisterConnectorInput", "version: String", "slug: String"));

    /// <summary>7.x master: no <c>version</c> in <c>RegisterConnectorInput</c> (nor <c>slug</c>), one of today's fields gone.</summary>
    public static OpenCtiSchemaVariant Like7WithoutVersionAndSlug { get; } = new("7.x-like without version and slug", sdl => sdl
        .RemoveFields("input RegisterConnectorInput", "auto_update")
        .RemoveFields("type ConnectorConfig", "dead_letter_routing"));

    public static IEnumerable<OpenCtiSchemaVariant> All => [Original, Like64, Like7WithVersionAndSlug, Like7WithoutVersionAndSlug];

    public string Name { get; }

    public Func<string, string> Transform { get; }

    public ISchema Schema => Built.GetOrAdd(Name, _ => new Lazy<ISchema>(() => Build(Transform(OriginalSdl())))).Value;

    /// <summary>The SDL of the variant (for assertions on the transformation itself).</summary>
    public string Sdl => Transform(OriginalSdl());

    public static OpenCtiSchemaVariant ByName(string name) => All.Single(v => v.Name == name);

    /// <summary>Validates a document with its real variables (the JSON text of the <c>variables</c> object); returns the error messages.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(string query, string variablesJson)
    {
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(query);
        }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException ex)
        {
            return [ex.Message];
        }

        var operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single();
        using var variables = JsonDocument.Parse(variablesJson);
        var inputs = new Inputs((Dictionary<string, object?>)ToObject(variables.RootElement)!);
        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = Schema,
            Document = document,
            Operation = operation,
            Variables = inputs,
        });
        return result.Errors.Select(error => error.Message).ToList();
    }

    /// <summary>Runs an introspection-only document (<c>__type</c>) against the variant; returns the <c>data</c> JSON.</summary>
    public async Task<string> ExecuteIntrospectionAsync(string query)
    {
        var result = await new DocumentExecuter().ExecuteAsync(options =>
        {
            options.Schema = Schema;
            options.Query = query;
        });
        if (result.Errors is { Count: > 0 } errors)
        {
            throw new InvalidOperationException("introspection failed: " + string.Join("; ", errors.Select(e => e.Message)));
        }

        return JsonSerializer.Serialize(result.Data is global::GraphQL.Execution.ExecutionNode node ? node.ToValue() : result.Data);
    }

    public override string ToString() => Name;

    private static string OriginalSdl() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schema", "opencti-schema.graphql"));

    private static ISchema Build(string sdl)
    {
        var schema = global::GraphQL.Types.Schema.For(SubscriptionBlock().Replace(sdl, string.Empty),
            builder => builder.Types.ForAll(type => type.ResolveType = _ => null!));
        foreach (var scalar in CustomScalars)
        {
            schema.RegisterType(new PassThroughScalar(scalar));
        }

        schema.Initialize();
        return schema;
    }

    private static object? ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt32(out var i) => i,
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    [GeneratedRegex(@"type Subscription \{[^}]*\}", RegexOptions.Singleline)]
    private static partial Regex SubscriptionBlock();

    private sealed class PassThroughScalar : ScalarGraphType
    {
        public PassThroughScalar(string name)
        {
            Name = name;
        }

        public override object? ParseValue(object? value) => value;

        public override object? ParseLiteral(GraphQLValue value) => value switch
        {
            GraphQLStringValue s => (object?)s.Value.ToString(),
            GraphQLIntValue i => i.Value.ToString(),
            GraphQLFloatValue f => f.Value.ToString(),
            GraphQLBooleanValue b => b.BoolValue,
            _ => null,
        };

        public override object? Serialize(object? value) => value;
    }
}

/// <summary>The SDL edits the variants are made of: they act on one type's block and fail loudly when it is not found.</summary>
internal static class SdlEdits
{
    public static string RemoveFields(this string sdl, string typeHeader, params string[] fields)
    {
        var (start, end) = Block(sdl, typeHeader);
        var block = sdl[start..end];
        foreach (var field in fields)
        {
            var pattern = new Regex(@"\n[ \t]*(""[^""\n]*""[ \t]*\n[ \t]*)?" + Regex.Escape(field) + @"[ \t]*(\([^)]*\))?[ \t]*:[^\n]*", RegexOptions.None, TimeSpan.FromSeconds(1));
            var edited = pattern.Replace(block, string.Empty, 1);
            if (edited == block)
            {
                throw new InvalidOperationException($"{typeHeader} has no field {field}");
            }

            block = edited;
        }

        return sdl[..start] + block + sdl[end..];
    }

    public static string AddFields(this string sdl, string typeHeader, params string[] fieldLines)
    {
        var (_, end) = Block(sdl, typeHeader);
        var closing = end - 1;
        return sdl[..closing] + string.Concat(fieldLines.Select(line => "  " + line + "\n")) + sdl[closing..];
    }

    /// <summary>The block of <paramref name="typeHeader"/>, from its header to just after its closing brace.</summary>
    private static (int Start, int End) Block(string sdl, string typeHeader)
    {
        var start = sdl.IndexOf("\n" + typeHeader + " ", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"the schema has no {typeHeader}");
        }

        var end = sdl.IndexOf("\n}", start, StringComparison.Ordinal);
        return (start, end + 2);
    }
}
