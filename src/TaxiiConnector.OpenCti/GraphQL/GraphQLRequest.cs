using System.Text.Json;

namespace TaxiiConnector.OpenCti.GraphQL;

/// <summary>
/// One GraphQL call: a document from <see cref="OpenCtiDocuments"/> and a writer for its <c>variables</c> object, so large
/// values (a whole bundle) go from UTF-8 to the request body without an intermediate string.
/// </summary>
public sealed class GraphQLRequest
{
    public GraphQLRequest(string operationName, string query, Action<Utf8JsonWriter>? writeVariables = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationName);
        ArgumentException.ThrowIfNullOrEmpty(query);
        OperationName = operationName;
        Query = query;
        WriteVariables = writeVariables;
    }

    /// <summary>A name for logs (never the variables: they can hold state and bundles).</summary>
    public string OperationName { get; }

    public string Query { get; }

    /// <summary>Writes the members of the <c>variables</c> object (the writer is already inside it).</summary>
    public Action<Utf8JsonWriter>? WriteVariables { get; }
}
