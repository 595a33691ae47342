using System.Net;
using System.Net.Sockets;

namespace Valmetal.AppHost.LocalStack;

public static class LocalPorts
{
    /// <summary>
    /// A port free on loopback now, for an endpoint that must not go through Aspire's proxy: Aspire allocates ports only
    /// for proxied endpoints. Replicas behind the gateway are reached directly, as an ALB reaches a task: a stopped
    /// replica refuses connections instead of leaving them open in a proxy with nothing behind it.
    /// </summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
