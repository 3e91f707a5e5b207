using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Logging;

namespace TaxiiConnector.Hosting;

/// <summary>Builds the connector's host: our configuration only (no appsettings.json), Serilog, core and modules.</summary>
public static class ConnectorHost
{
    /// <summary>
    /// A host builder for <paramref name="invocation"/>; throws <see cref="Configuration.Yaml.ConfigFileException"/> when
    /// the configuration file cannot be read. <paramref name="logOutput"/> redirects logs (tests); null is the console.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(ConnectorInvocation invocation, TextWriter? logOutput = null)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "TaxiiConnector",
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddConnectorSources(invocation);

        builder.Services.AddSerilog(ConnectorLogging.CreateLogger(builder.Configuration, logOutput), dispose: true);
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Services.AddConnectorCore(builder.Configuration, invocation);
        ConnectorModules.Add(builder.Services, builder.Configuration, invocation);
        return builder;
    }
}
