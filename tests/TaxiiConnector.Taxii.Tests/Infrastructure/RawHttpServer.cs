using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TaxiiConnector.Taxii.Tests.Infrastructure;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 that records each request head byte for byte (WireMock normalises header
/// values such as media-type parameters, so it cannot prove what went on the wire) and answers from a callback.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, RawResponse> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RawHttpServer(Func<string, RawResponse> respond)
    {
        _respond = respond;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public ConcurrentQueue<string> RequestHeads { get; } = new();

    /// <summary>The header lines of the <paramref name="index"/>th request, exactly as received.</summary>
    public IReadOnlyList<string> HeaderLines(int index) =>
        RequestHeads.ElementAt(index).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, _stop.Token) == 1)
            {
                head.Append((char)buffer[0]);
            }

            RequestHeads.Enqueue(head.ToString());
            var response = _respond(head.ToString());
            var body = Encoding.UTF8.GetBytes(response.Body);
            var text = new StringBuilder($"HTTP/1.1 {response.Status} X\r\nConnection: close\r\nContent-Length: {body.Length}\r\n");
            foreach (var (name, value) in response.Headers)
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            text.Append("\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), _stop.Token);
            await stream.WriteAsync(body, _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
    }
}

public sealed record RawResponse(int Status, string Body, params (string Name, string Value)[] Headers);
