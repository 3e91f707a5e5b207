using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.OpenCti;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// Configures the OpenCTI integration from the <c>opencti</c>, <c>connector</c>, <c>mq</c> and <c>state</c> sections
/// (which hold the defaults) and the command line (dry run, demo, <c>--once</c>).
/// </summary>
internal sealed class OpenCtiClientOptionsSetup(
    ConnectorInvocation invocation, ConnectorOptions connector, OpenCtiOptions openCti, MqOptions mq, StateOptions state)
    : IConfigureOptions<OpenCtiClientOptions>
{
    public void Configure(OpenCtiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DryRunOutputDirectory = OpenCtiSettings.OutputDirectory(invocation, connector);
        options.StateFilePath = state.Path;
        ConfigurePlatform(options, openCti);
        ConfigureConnector(options, connector, invocation);
        ConfigureBroker(options, mq);
    }

    private static void ConfigurePlatform(OpenCtiClientOptions options, OpenCtiOptions openCti)
    {
        OptionsMapping.Of<OpenCtiOptions, OpenCtiClientOptions>().Copy(openCti, options);
        options.CustomHeaders = openCti.CustomHeaders.Count == 0
            ? null
            : string.Join(';', openCti.CustomHeaders.Select(header => header.Key + ":" + header.Value));
    }

    private static void ConfigureConnector(OpenCtiClientOptions options, ConnectorOptions connector, ConnectorInvocation invocation)
    {
        options.QueueThresholdMb = connector.QueueThresholdMegabytes;
        options.QueueProtocol = string.Equals(connector.QueueProtocol, "api", StringComparison.OrdinalIgnoreCase) ? QueueProtocol.Api : QueueProtocol.Amqp;
        OptionsMapping.Of<ConnectorOptions, OpenCtiClientOptions>().Copy(connector, options);
        options.ConnectorScope.Clear();
        foreach (var scope in connector.Scope)
        {
            options.ConnectorScope.Add(scope);
        }

        options.RunAndTerminate = connector.RunAndTerminate || invocation.Once || connector.DurationPeriod == TimeSpan.Zero;
        options.MaxBundleBytes = (int)Math.Min(connector.MaxBundleBytes, int.MaxValue);
    }

    private static void ConfigureBroker(OpenCtiClientOptions options, MqOptions mq)
    {
        OptionsMapping.Of<MqOptions, OpenCtiClientOptions>().Copy(mq, options);
    }
}
