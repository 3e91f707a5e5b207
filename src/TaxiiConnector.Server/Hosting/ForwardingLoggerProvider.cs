using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Server.Hosting;

/// <summary>
/// Hands the embedded application's log lines (Kestrel, hosting) to its owner's logger factory, so they pass through the
/// owner's sinks and filters; the owner's factory is never disposed by the application.
/// </summary>
internal sealed class ForwardingLoggerProvider : ILoggerProvider
{
    private readonly ILoggerFactory _target;

    public ForwardingLoggerProvider(ILoggerFactory target)
    {
        _target = target;
    }

    public ILogger CreateLogger(string categoryName) => _target.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
