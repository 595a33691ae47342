using System.Net;
using MQTTnet;
using Valmetal.BrokerClient.Transport;

namespace Valmetal.BrokerClient.Tests;

/// <summary>The options build a client that reaches the configured broker through our own transport, which also does the TLS.</summary>
public sealed class ClientOptionsTests : IDisposable
{
    private readonly ThrowawayIdentity _identity = new();

    [Fact]
    public void The_client_connects_to_the_configured_broker_through_the_coalescing_transport()
    {
        var options = _identity.FromFiles();
        options.Host = "broker.example";
        options.Port = 8884;

        var tcp = (MqttClientTcpOptions)BrokerClientOptions.CreateBuilder(options).Build().ChannelOptions;

        Assert.IsType<MutualTlsStreamProvider>(tcp.StreamProvider);
        var endpoint = Assert.IsType<DnsEndPoint>(tcp.RemoteEndpoint);
        Assert.Equal(("broker.example", 8884), (endpoint.Host, endpoint.Port));
        // TLS belongs to the transport; MQTTnet wrapping it once more would seal every packet in its own record.
        Assert.False(tcp.TlsOptions.UseTls);
    }

    public void Dispose() => _identity.Dispose();
}
