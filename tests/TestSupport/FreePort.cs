using System.Net;
using System.Net.Sockets;

namespace Shop.TestSupport;

/// <summary>Finds loopback ports nothing listens on, so parallel test runs never share a server or a silo.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
