using System.Net;
using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Formatter;

namespace Valmetal.BrokerClient;

public static class BrokerClientOptions
{
    /// <summary>For services: the client id is the certificate's CN, which the broker insists on.</summary>
    public static MqttClientOptionsBuilder CreateBuilder(BrokerConnectionOptions options) =>
        CreateBuilder(options, ClientCertificates.CommonName(options));

    /// <summary>
    /// MQTT 5 over mutual TLS. MQTT 5 matters: a publish the broker refuses comes back as a
    /// "not authorized" PUBACK instead of being dropped silently as on 3.1.1.
    /// </summary>
    public static MqttClientOptionsBuilder CreateBuilder(BrokerConnectionOptions options, string clientId)
    {
        var certificate = ClientCertificates.LoadClient(options);
        var ca = ClientCertificates.LoadCa(options);
        return new MqttClientOptionsBuilder()
            // WithEndPoint first: each of the two starts the TCP options afresh, and only the second keeps the buffer.
            .WithEndPoint(new DnsEndPoint(options.Host, options.Port))
            .WithTcpServer(tcp => tcp.BufferSize = options.SocketBufferBytes)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTlsOptions(tls => tls
                .UseTls()
                .WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13)
                .WithClientCertificates([certificate])
                .WithCertificateValidationHandler(e => ClientCertificates.IsSignedBy(ca, e.Certificate, e.SslPolicyErrors)));
    }
}
