using System.Net;
using MQTTnet;

namespace Valmetal.BrokerClient.Tests;

/// <summary>
/// MQTTnet's 8 KiB socket buffers stall delivery of a broker backlog on loopback (BrokerConnectionOptions);
/// the configured buffer must reach the socket options without losing the broker's address or TLS.
/// </summary>
public sealed class SocketBufferTests : IDisposable
{
    private readonly ThrowawayIdentity _identity = new();

    [Fact]
    public void The_configured_buffer_and_the_broker_address_both_reach_the_tcp_options()
    {
        var options = _identity.FromFiles();
        options.Host = "broker.example";
        options.Port = 8884;
        options.SocketBufferBytes = 2 * 1024 * 1024;

        var tcp = (MqttClientTcpOptions)BrokerClientOptions.CreateBuilder(options).Build().ChannelOptions;

        Assert.Equal(2 * 1024 * 1024, tcp.BufferSize);
        var endpoint = Assert.IsType<DnsEndPoint>(tcp.RemoteEndpoint);
        Assert.Equal(("broker.example", 8884), (endpoint.Host, endpoint.Port));
        Assert.True(tcp.TlsOptions.UseTls);
    }

    [Fact]
    public void By_default_the_buffer_is_a_mebibyte_not_the_libraries_eight_kibibytes()
    {
        var tcp = (MqttClientTcpOptions)BrokerClientOptions.CreateBuilder(_identity.FromFiles()).Build().ChannelOptions;

        Assert.Equal(1024 * 1024, tcp.BufferSize);
        Assert.NotEqual(new MqttClientTcpOptions().BufferSize, tcp.BufferSize);
    }

    public void Dispose() => _identity.Dispose();
}
