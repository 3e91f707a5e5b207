using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.DataPaths;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.OpenCti;

namespace TaxiiConnector.Pipeline;

/// <summary>The OpenCTI integration's options from the connector's sections, and where a run without a platform writes.</summary>
internal static class OpenCtiSettings
{
    public const string DemoOutputDirectory = "./demo-output";

    /// <summary>
    /// The directory a run without a platform writes to (null: OpenCTI is the sink): <c>--output</c>, else the demo's
    /// own directory, else <c>output</c> under <c>connector.data_dir</c> for a dry run.
    /// </summary>
    public static string? OutputDirectory(ConnectorInvocation invocation, ConnectorOptions connector) =>
        string.Equals(invocation.Command, "demo", StringComparison.OrdinalIgnoreCase)
            ? invocation.OutputDirectory ?? DemoOutputDirectory
            : invocation.DryRun ? invocation.OutputDirectory ?? Path.Combine(connector.DataDirectory, DataDirectory.DryRunOutput) : null;

    public static void Apply(OpenCtiClientOptions options, ConnectorInvocation invocation, ConnectorOptions connector,
        OpenCtiOptions openCti, MqOptions mq, StateOptions state)
    {
        options.DryRunOutputDirectory = OutputDirectory(invocation, connector);
        options.StateFilePath = state.Path;
        options.Url = openCti.Url;
        options.Token = openCti.Token;
        options.SslVerify = openCti.SslVerify;
        options.CustomHeaders = openCti.CustomHeaders.Count == 0
            ? null
            : string.Join(';', openCti.CustomHeaders.Select(header => header.Key + ":" + header.Value));
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
