using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TaxiiConnector.OpenCti.Tests.Platform;

/// <summary>
/// A raw HTTP/1.1 front end on 127.0.0.1 for a <see cref="FakeOpenCtiPlatform"/>: it hands every request to the platform
/// (which applies and records it) and relays the answer on the same keep-alive connection, except for requests whose
/// body contains <see cref="DropMarker"/>: for those it closes the connection (reset) without one response byte, as a
/// platform that crashed or a proxy that timed out after forwarding does. WireMock itself cannot drop a connection.
/// </summary>
public sealed class DroppingFrontEnd : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly HttpClient _platform;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public DroppingFrontEnd(Uri platformUrl)
    {
        _platform = new HttpClient { BaseAddress = platformUrl };
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Requests whose body contains this are applied, then their connection is dropped.</summary>
    public string? DropMarker { get; set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _platform.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            try
            {
                while (await ReadRequestAsync(stream) is { } request)
                {
                    using var content = new ByteArrayContent(request.Body);
                    content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                    using var response = await _platform.PostAsync(new Uri(request.Path.TrimStart('/'), UriKind.Relative), content);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    if (DropMarker is { } marker && Encoding.UTF8.GetString(request.Body).Contains(marker, StringComparison.Ordinal))
                    {
                        socket.LingerState = new LingerOption(true, 0);
                        return;
                    }

                    var head = $"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                    await stream.WriteAsync(body);
                }
            }
            catch (IOException)
            {
                // The client went away.
            }
        }
    }

    private static async Task<(string Path, byte[] Body)?> ReadRequestAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        var path = lines[0].Split(' ')[1];
        var length = lines.Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(parts => int.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return (path, body);
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
