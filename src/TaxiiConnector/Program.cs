using Serilog;
using TaxiiConnector.Cli;
using TaxiiConnector.Logging;

Log.Logger = ConnectorLogging.CreateBootstrapLogger();
try
{
    return await ConnectorApp.RunAsync(args, ConnectorInvocation.CaptureEnvironment(), CommandOutput.Console, CancellationToken.None);
}
#pragma warning disable CA1031 // Host edge: the top-level command runner turns anything left into one fatal line and exit code 1.
catch (Exception exception)
#pragma warning restore CA1031
{
    Log.Fatal(exception, "The connector stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
