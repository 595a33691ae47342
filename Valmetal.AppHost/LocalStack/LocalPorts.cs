using System.Net;
using System.Net.Sockets;

namespace Valmetal.AppHost.LocalStack;

public static class LocalPorts
{
    private static readonly HashSet<int> Taken = [];

    /// <summary>
    /// A port free on loopback now, for an endpoint that must not go through Aspire's proxy: Aspire allocates ports only
    /// for proxied endpoints. Replicas behind the gateway are reached directly, as an ALB reaches a task: a stopped
    /// replica refuses connections instead of leaving them open in a proxy with nothing behind it.
    /// The port is released before its user binds it, so the kernel may offer it again: a port this process handed
    /// out or reserved is never handed out a second time (a test that picks the broker's and the dashboard's ports
    /// one after the other once got the same port for both).
    /// </summary>
    public static int Free()
    {
        lock (Taken)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Taken.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>Ports given by configuration, which <see cref="Free"/> must not hand out to anything else.</summary>
    public static void Reserve(IEnumerable<int> ports)
    {
        lock (Taken)
        {
            Taken.UnionWith(ports);
        }
    }
}
