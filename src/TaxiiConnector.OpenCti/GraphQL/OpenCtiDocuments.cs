namespace TaxiiConnector.OpenCti.GraphQL;

/// <summary>
/// Every GraphQL document the connector sends. One place, so the tests validate each of them against the platform's schema.
/// Operation names are pycti's where pycti has the same call, so the platform's logs read the same.
/// </summary>
internal static class OpenCtiDocuments
{
    public const string About = "query TaxiiConnectorAbout { about { version } }";

    /// <summary>
    /// What registration may send and ask for on this platform. <c>__type</c> is a standard query every version answers;
    /// <c>__schema</c> is refused by platforms that turned introspection off.
    /// </summary>
    public const string RegistrationSchema =
        "query TaxiiConnectorRegistrationSchema { " +
        "input: __type(name: \"RegisterConnectorInput\") { inputFields { name } fields { name } } " +
        "config: __type(name: \"ConnectorConfig\") { inputFields { name } fields { name } } }";

    public const string PingConnector =
        "mutation PingConnector($id: ID!, $state: String, $connectorInfo: ConnectorInfoInput) { " +
        "pingConnector(id: $id, state: $state, connectorInfo: $connectorInfo) { id connector_state connector_info { " +
        "run_and_terminate buffering queue_threshold queue_messages_size next_run_datetime last_run_datetime } } }";

    public const string ConnectorQueueDetails =
        "query ConnectorQueueDetails($id: String!) { connector(id: $id) { id connector_queue_details { messages_number messages_size } } }";

    public const string WorkAdd =
        "mutation workAdd($connectorId: String!, $friendlyName: String) { workAdd(connectorId: $connectorId, friendlyName: $friendlyName) { id } }";

    public const string WorkAddExpectations =
        "mutation addExpectations($id: ID!, $expectations: Int) { workEdit(id: $id) { addExpectations(expectations: $expectations) } }";

    public const string WorkToProcessed =
        "mutation workToProcessed($id: ID!, $message: String, $inError: Boolean) { workEdit(id: $id) { toProcessed(message: $message, inError: $inError) } }";

    /// <summary>
    /// The platform's Python client's text, whitespace included: the <c>stixBundlePush</c> request body is its own, byte
    /// for byte (<see cref="Sinks.BundlePushRequestContent"/>).
    /// </summary>
    public const string StixBundlePush =
        "\n" + "                    mutation StixBundlePush($connectorId: String!, $bundle: String!, $work_id: String) {\n" +
        "                        stixBundlePush(connectorId: $connectorId, bundle: $bundle, work_id: $work_id)\n" +
        "                    }\n" + "                 ";

    /// <summary>
    /// <c>registerConnector</c>, asking for the <c>config</c> fields the connector reads (the broker connection and the push
    /// routing) among those <paramref name="configFields"/> the platform has.
    /// </summary>
    public static string RegisterConnector(IEnumerable<string> configFields) =>
        "mutation RegisterConnector($input: RegisterConnectorInput) { registerConnector(input: $input) { " +
        "id connector_state connector_user_id config { " +
        string.Join(' ', configFields.Select(field => field == "connection" ? "connection { host vhost use_ssl port user pass }" : field)) +
        " } } }";
}
