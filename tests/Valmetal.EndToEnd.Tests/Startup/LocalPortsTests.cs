using System.Net;
using System.Net.Sockets;
using Valmetal.AppHost.LocalStack;

namespace Valmetal.EndToEnd.Tests.Startup;

/// <summary>The ports the AppHost and the suite hand out to endpoints that bind them later.</summary>
public sealed class LocalPortsTests
{
    [Fact]
    public void Ports_come_from_below_the_kernels_ephemeral_range_so_no_outgoing_connection_takes_one_meanwhile()
    {
        var firstEphemeral = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture);

        var ports = Enumerable.Range(0, 20).Select(_ => LocalPorts.Free()).ToList();

        Assert.All(ports, p => Assert.InRange(p, LocalPorts.Range.Low, LocalPorts.Range.High));
        Assert.True(LocalPorts.Range.High < firstEphemeral, $"the range ends at {LocalPorts.Range.High}, the kernel's starts at {firstEphemeral}");
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public void Every_port_handed_out_can_be_listened_on()
    {
        var ports = Enumerable.Range(0, 50).Select(_ => LocalPorts.Free()).ToList();

        Assert.All(ports, p =>
        {
            using var listener = new TcpListener(IPAddress.Loopback, p);
            listener.Start();
        });
    }
}
