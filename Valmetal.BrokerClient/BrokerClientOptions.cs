using System.Net;
using MQTTnet;
using MQTTnet.Formatter;
using Valmetal.BrokerClient.Transport;

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
            .WithEndPoint(new DnsEndPoint(options.Host, options.Port))
            .WithStreamProvider(new MutualTlsStreamProvider(options, certificate, ca))
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30));
    }
}
