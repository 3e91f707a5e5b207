using System.Text.Json;

namespace TaxiiConnector.OpenCti.GraphQL;

/// <summary>
/// One GraphQL call: a document from <see cref="OpenCtiDocuments"/> and a writer for its <c>variables</c> object, so large
/// values (a whole bundle) go from UTF-8 to the request body without an intermediate string.
/// </summary>
public sealed class GraphQLRequest
{
    public GraphQLRequest(string operationName, string query, Action<Utf8JsonWriter>? writeVariables = null, bool safeToRepeat = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationName);
        ArgumentException.ThrowIfNullOrEmpty(query);
        OperationName = operationName;
        Query = query;
        WriteVariables = writeVariables;
        SafeToRepeat = safeToRepeat;
    }

    /// <summary>A name for logs (never the variables: they can hold state and bundles).</summary>
    public string OperationName { get; }

    public string Query { get; }

    /// <summary>Writes the members of the <c>variables</c> object (the writer is already inside it).</summary>
    public Action<Utf8JsonWriter>? WriteVariables { get; }

    /// <summary>
    /// True when sending the call twice does no harm (queries, <c>pingConnector</c>, which also carries the state): it is
    /// retried on any transient failure. False (the default) for mutations that count or create something
    /// (<c>workAdd</c>, <c>addExpectations</c>, <c>stixBundlePush</c>, <c>workToProcessed</c>): they are retried only when
    /// the request provably never reached the platform, see <see cref="OpenCtiRetryPredicate"/>.
    /// </summary>
    public bool SafeToRepeat { get; }
}
