namespace TaxiiConnector.OpenCti.GraphQL;

/// <summary>
/// Every GraphQL document the connector sends. One place, so the tests validate each of them against the platform's schema.
/// </summary>
internal static class OpenCtiDocuments
{
    public const string About = "query TaxiiConnectorAbout { about { version } }";

    public const string RegisterConnector =
        "mutation RegisterConnector($input: RegisterConnectorInput) { registerConnector(input: $input) { " +
        "id connector_state connector_user_id config { connection { host vhost use_ssl port user pass } " +
        "listen listen_routing listen_exchange push push_routing push_exchange dead_letter_routing } } }";

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
        "mutation reportExpectation($id: ID!, $message: String, $inError: Boolean) { workEdit(id: $id) { toProcessed(message: $message, inError: $inError) } }";

    public const string StixBundlePush =
        "mutation StixBundlePush($connectorId: String!, $bundle: String!, $work_id: String) { " +
        "stixBundlePush(connectorId: $connectorId, bundle: $bundle, work_id: $work_id) }";
}
