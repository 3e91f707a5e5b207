using Microsoft.Extensions.Hosting;

namespace TaxiiConnector.Server.Hosting;

/// <summary>
/// The embedded server is started and stopped by its owner's code, never by Ctrl+C or SIGTERM: the default console
/// lifetime would stop it behind the back of the process that embeds it (the demo command, a test, the benchmark).
/// </summary>
internal sealed class NoHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
