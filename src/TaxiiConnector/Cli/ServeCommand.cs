using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using TaxiiConnector.Server.Hosting;

namespace TaxiiConnector.Cli;

/// <summary>
/// <c>serve [--data FILE|DIR] [--port P] [--bind ADDRESS]</c>: the project's TAXII 2.1 read server on its own, until
/// Ctrl-C or SIGTERM, so a connector (this one, the Python one, any TAXII client) can be tried against it. Without
/// <c>--data</c> it serves the bundled demo collection; see <see cref="ServeDataLoader"/> for files and directories. It
/// binds loopback unless <c>--bind</c> says otherwise, because the server has no authentication.
/// </summary>
public sealed class ServeCommand : IConnectorCommand
{
    public const string CommandName = "serve";

    public const int DefaultPort = 5000;

    public string Name => CommandName;

    public string Summary => $"Run the built-in TAXII 2.1 server alone until Ctrl-C: --data FILE|DIR (default: demo data), --port P (default {DefaultPort}), --bind ADDRESS (default 127.0.0.1).";

    public async Task<int> ExecuteAsync(ConnectorInvocation invocation, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(output);
        if (!TryParseArguments(invocation.Arguments, out var data, out var port, out var bind, out var usage))
        {
            await output.Error.WriteLineAsync(usage.AsMemory(), cancellationToken);
            return 2;
        }

        TaxiiServerOptions options;
        try
        {
            options = new TaxiiServerOptions
            {
                Store = ServeDataLoader.Load(data, TimeProvider.System.GetUtcNow()),
                Port = port,
                ListenAddress = bind,
                AbsoluteApiRootUrls = false,
            };
        }
        catch (Exception exception) when (exception is IOException or FormatException or UnauthorizedAccessException)
        {
            await output.Error.WriteLineAsync($"serve: cannot read --data: {exception.Message}".AsMemory(), cancellationToken);
            return 1;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));

        TaxiiServerHost server;
        try
        {
            server = await TaxiiServerHost.StartAsync(options, cancellationToken);
        }
        catch (IOException exception)
        {
            await output.Error.WriteLineAsync($"serve: cannot listen on {bind}:{port} ({exception.Message}); choose another --port.".AsMemory(), cancellationToken);
            return 1;
        }

        await using (server)
        {
            var collections = string.Join(", ", options.Store.Collections.Select(c => $"{c.Title} ({c.Id})"));
            await output.Out.WriteLineAsync(
                $"TAXII 2.1 server: discovery {server.DiscoveryUrl}, API root {server.ApiRootUrl}, {options.Store.Collections.Count} collection(s): {collections}".AsMemory(),
                cancellationToken);
            await output.Out.WriteLineAsync(
                $"Try: TAXII2_DISCOVERY_URL={server.DiscoveryUrl} TAXII2_INITIAL_HISTORY={HistoryHours(options, TimeProvider.System.GetUtcNow())} TaxiiConnector run --once --dry-run. Ctrl-C stops the server.".AsMemory(),
                cancellationToken);
            await output.Out.FlushAsync(cancellationToken);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C, SIGTERM or the caller's token: the normal way to stop.
            }

            await server.StopAsync(CancellationToken.None);
        }

        return 0;
    }

    /// <summary>Hours of history that reach the oldest object served: a first run's default 24 hours may see none of it.</summary>
    internal static int HistoryHours(TaxiiServerOptions options, DateTimeOffset now)
    {
        var oldest = options.Store.Collections
            .Select(collection => options.Store.FindObjects(collection.Id))
            .Where(objects => objects is { Count: > 0 })
            .Select(objects => objects!.GetDateAdded(0))
            .DefaultIfEmpty(now)
            .Min();
        return Math.Max(24, (int)Math.Ceiling((now - oldest).TotalHours) + 1);
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }

    internal static bool TryParseArguments(IReadOnlyList<string> arguments, out string? data, out int port, out IPAddress bind, out string error)
    {
        data = null;
        port = DefaultPort;
        bind = IPAddress.Loopback;
        error = string.Empty;
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i];
            if (name is not ("--data" or "--port" or "--bind"))
            {
                error = $"Unexpected argument '{name}'. usage: serve [--data FILE|DIR] [--port P] [--bind ADDRESS]";
                return false;
            }

            if (i + 1 >= arguments.Count)
            {
                error = $"{name} needs a value.";
                return false;
            }

            var value = arguments[++i];
            switch (name)
            {
                case "--data":
                    data = value;
                    break;
                case "--port" when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > IPEndPoint.MaxPort:
                    error = $"--port takes a TCP port (0-{IPEndPoint.MaxPort}, 0 for any free one), not '{value}'.";
                    return false;
                case "--bind" when !IPAddress.TryParse(value, out bind!):
                    error = $"--bind takes an IP address (127.0.0.1, 0.0.0.0, ::), not '{value}'.";
                    return false;
            }
        }

        return true;
    }
}
