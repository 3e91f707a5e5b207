using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;
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
        options.Url = openCti.Url;
        options.Token = openCti.Token;
        options.SslVerify = openCti.SslVerify;
        options.CustomHeaders = openCti.CustomHeaders.Count == 0
            ? null
            : string.Join(';', openCti.CustomHeaders.Select(header => header.Key + ":" + header.Value));
    }

    private static void ConfigureConnector(OpenCtiClientOptions options, ConnectorOptions connector, ConnectorInvocation invocation)
    {
        options.QueueThresholdMb = connector.QueueThresholdMegabytes;
        options.QueueProtocol = string.Equals(connector.QueueProtocol, "api", StringComparison.OrdinalIgnoreCase) ? QueueProtocol.Api : QueueProtocol.Amqp;
        options.ConnectorId = connector.Id;
        options.ConnectorName = connector.Name;
        options.ConnectorType = connector.Type;
        options.ConnectorScope.Clear();
        foreach (var scope in connector.Scope)
        {
            options.ConnectorScope.Add(scope);
        }

        options.RunAndTerminate = connector.RunAndTerminate || invocation.Once || connector.DurationPeriod == TimeSpan.Zero;
        options.MaxBundleBytes = (int)Math.Min(connector.MaxBundleBytes, int.MaxValue);
        options.PingInterval = connector.PingInterval;
    }

    private static void ConfigureBroker(OpenCtiClientOptions options, MqOptions mq)
    {
        options.Mq.Host = mq.Host;
        options.Mq.Port = mq.Port;
        options.Mq.VHost = mq.Vhost;
        options.Mq.UseSsl = mq.UseSsl;
        options.Mq.User = mq.User;
        options.Mq.Pass = mq.Password;
        options.Mq.SslCaPath = mq.SslCaPath;
        options.Mq.SslCertPath = mq.SslCertPath;
        options.Mq.SslKeyPath = mq.SslKeyPath;
        options.Mq.SslPassphrase = mq.SslPassphrase;
        options.Mq.SslRejectUnauthorized = mq.SslRejectUnauthorized;
        options.AmqpMaxInFlight = mq.PublishWindow;
        options.AmqpRetryAttempts = mq.PublishRetryAttempts;
        options.AmqpPublishTimeout = mq.PublishTimeout;
    }
}
