using System.Net;
using System.Net.Sockets;

namespace Cluster.Tests;

internal static class FreePort
{
    /// <summary>A loopback port that was free a moment ago (the OS picks it; the caller binds it soon after).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
