using System.Text.Json;

namespace TaxiiConnector.OpenCti.GraphQL;

/// <summary>
/// One GraphQL call: a document from <see cref="OpenCtiDocuments"/> and a writer for its <c>variables</c> object, so large
/// values (a whole bundle) go from UTF-8 to the request body without an intermediate string.
/// </summary>
public sealed class GraphQLRequest
{
    public GraphQLRequest(string operationName, string query, Action<Utf8JsonWriter>? writeVariables = null, GraphQLRetry retry = GraphQLRetry.WhenNeverSent)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationName);
        ArgumentException.ThrowIfNullOrEmpty(query);
        OperationName = operationName;
        Query = query;
        WriteVariables = writeVariables;
        Retry = retry;
    }

    /// <summary>A name for logs (never the variables: they can hold state and bundles).</summary>
    public string OperationName { get; }

    public string Query { get; }

    /// <summary>Writes the members of the <c>variables</c> object (the writer is already inside it).</summary>
    public Action<Utf8JsonWriter>? WriteVariables { get; }

    /// <summary>Which failures of this call the HTTP pipeline sends again (<see cref="OpenCtiRetryPredicate"/>).</summary>
    public GraphQLRetry Retry { get; }

    /// <summary>
    /// Builds the whole request body itself (one written while it is sent, for a large value); null: the client writes
    /// <see cref="Query"/> and <see cref="WriteVariables"/>. It must send the same variables <see cref="WriteVariables"/> writes.
    /// </summary>
    public Func<HttpContent>? CreateContent { get; init; }
}

/// <summary>Which failures of a GraphQL call the HTTP pipeline sends again.</summary>
public enum GraphQLRetry
{
    /// <summary>
    /// Calls that count or create something (<c>workAdd</c>, <c>addExpectations</c>, <c>workToProcessed</c>): sent again
    /// only when the request provably never reached the platform. A timeout or a 5xx may come after the platform applied it.
    /// </summary>
    WhenNeverSent,

    /// <summary>Calls that do no harm when sent twice (queries, registration, <c>pingConnector</c>): any transient failure.</summary>
    WhenTransient,

    /// <summary>
    /// Never sent again here: the caller owns the retry (<c>stixBundlePush</c>, which the pipeline pushes again when the
    /// sink reports the bundle as not delivered), so one failure is never retried by two layers.
    /// </summary>
    Never,
}
