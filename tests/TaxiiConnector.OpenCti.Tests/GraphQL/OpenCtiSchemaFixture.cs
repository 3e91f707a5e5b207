using System.Text.Json;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace TaxiiConnector.OpenCti.Tests.GraphQL;

/// <summary>
/// OpenCTI 6.9's schema built once per test run, for validation only (reference README recipe): no Subscription block,
/// unions without type resolvers, pass-through custom scalars.
/// </summary>
public sealed partial class OpenCtiSchemaFixture
{
    private static readonly string[] CustomScalars = ["DateTime", "ConstraintString", "ConstraintNumber", "Upload", "StixId", "StixRef", "Any", "JSON"];

    public OpenCtiSchemaFixture()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Schema", "opencti-schema.graphql");
        var sdl = SubscriptionBlock().Replace(File.ReadAllText(path), string.Empty);
        var schema = global::GraphQL.Types.Schema.For(sdl, builder => builder.Types.ForAll(type => type.ResolveType = _ => null!));
        foreach (var scalar in CustomScalars)
        {
            schema.RegisterType(new PassThroughScalar(scalar));
        }

        schema.Initialize();
        Schema = schema;
    }

    public ISchema Schema { get; }

    /// <summary>Validates a document with its real variables (the JSON text of the <c>variables</c> object); returns the error messages.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(string query, string variablesJson)
    {
        var document = GraphQLParser.Parser.Parse(query);
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

[CollectionDefinition(Name)]
public sealed class OpenCtiSchemaCollection : ICollectionFixture<OpenCtiSchemaFixture>
{
    public const string Name = "OpenCTI schema";
}
