using System.Net;
using System.Net.Sockets;

namespace Valmetal.AppHost.LocalStack;

public static class LocalPorts
{
    private static readonly HashSet<int> Taken = [];

    /// <summary>
    /// Where <see cref="Free"/> looks: the ten thousand ports just below the kernel's ephemeral range. A port from
    /// inside that range, free when chosen but bound only seconds later, can meanwhile become the source port of any
    /// outgoing connection on the machine (a fresh-clone run once failed so: the gateway could not bind its port).
    /// Below it, only a process binding that very port can take it.
    /// </summary>
    public static (int Low, int High) Range { get; } = BelowEphemeralPorts();

    /// <summary>
    /// A port free on loopback now, for an endpoint that must not go through Aspire's proxy: Aspire allocates ports only
    /// for proxied endpoints. Replicas behind the gateway are reached directly, as an ALB reaches a task: a stopped
    /// replica refuses connections instead of leaving them open in a proxy with nothing behind it.
    /// The port is released before its user binds it: a port this process handed out or reserved is never handed out
    /// a second time (a test that picks the broker's and the dashboard's ports one after the other once got the same
    /// port for both).
    /// </summary>
    public static int Free()
    {
        lock (Taken)
        {
            // A random start, so two processes choosing at the same moment rarely try the same ports.
            var span = Range.High - Range.Low + 1;
            var start = Random.Shared.Next(span);
            for (var i = 0; i < span; i++)
            {
                var port = Range.Low + ((start + i) % span);
                if (!Taken.Contains(port) && IsFree(port))
                {
                    Taken.Add(port);
                    return port;
                }
            }

            throw new InvalidOperationException($"No free loopback port between {Range.Low} and {Range.High}.");
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

    private static bool IsFree(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
    }

    /// <summary>Linux says its ephemeral range in /proc (32768–60999 by default); elsewhere IANA's 49152 is assumed.</summary>
    private static (int Low, int High) BelowEphemeralPorts()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        var firstEphemeral = File.Exists(RangeFile)
            ? int.Parse(File.ReadAllText(RangeFile).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture)
            : 49152;
        var high = firstEphemeral - 1;
        return (Math.Max(1024, high - 9999), high);
    }
}
