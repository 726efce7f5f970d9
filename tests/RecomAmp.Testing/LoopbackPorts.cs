using System.Net;
using System.Net.Sockets;

namespace RecomAmp.Testing;

/// <summary>Ports on 127.0.0.1 for the servers tests start.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// A port the system reports free right now. It could be taken before the caller binds it, so callers that
    /// can retry should; it is still far safer than a random pick, which can land on a port in use.
    /// </summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
