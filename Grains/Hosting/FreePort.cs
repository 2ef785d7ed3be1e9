using System.Net;
using System.Net.Sockets;

namespace Grains.Hosting;

/// <summary>A TCP port nothing listens on right now, for settings that say 0 (Orleans needs concrete ports).</summary>
internal static class FreePort
{
    public static int On(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
