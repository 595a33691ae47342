using Microsoft.Extensions.Diagnostics.HealthChecks;
using MQTTnet;
using MQTTnet.Exceptions;
using Valmetal.BrokerClient;

namespace Valmetal.AppHost.Broker;

/// <summary>
/// Healthy when a full MQTT 5 handshake over mutual TLS succeeds, with an identity the ACL grants nothing:
/// proves the listener, the certificates and authentication, not just an open port.
/// </summary>
public sealed class BrokerHealthCheck(BrokerConnectionOptions identity) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            await client.ConnectAsync(BrokerClientOptions.CreateBuilder(identity).WithTimeout(TimeSpan.FromSeconds(3)).Build(), cancellationToken);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (MqttCommunicationException ex)
        {
            return HealthCheckResult.Unhealthy("MQTT over TLS handshake failed", ex);
        }
    }
}
