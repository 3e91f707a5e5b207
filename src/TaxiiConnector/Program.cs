using Serilog;
using TaxiiConnector.Cli;
using TaxiiConnector.Logging;

Log.Logger = ConnectorLogging.CreateBootstrapLogger();
try
{
    return await ConnectorApp.RunAsync(args, ConnectorInvocation.CaptureEnvironment(), CommandOutput.Console, CancellationToken.None);
}
catch (Exception exception)
{
    Log.Fatal(exception, "The connector stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
