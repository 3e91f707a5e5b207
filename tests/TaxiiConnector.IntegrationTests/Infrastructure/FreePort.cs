using System.Net;
using System.Net.Sockets;

namespace TaxiiConnector.OpenCti.Tests.Platform;

/// <summary>The one helper of the OpenCTI tests' fake platform that the shared RabbitMQ fixture needs.</summary>
internal static class FakeOpenCtiPlatform
{
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
