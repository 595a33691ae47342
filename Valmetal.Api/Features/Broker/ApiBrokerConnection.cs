using MQTTnet;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract.Access;

namespace Valmetal.Api.Features.Broker;

/// <summary>
/// Each of the API task's broker connections: a clean session (what it carries is worth something only now) under a
/// client id of its own, valmetal-api-{connection}-{instance}, so the task's connections never take over one another.
/// </summary>
public static class ApiBrokerConnection
{
    public static (string ClientId, MqttClientOptions Options) For(BrokerConnectionOptions broker, string connection)
    {
        var clientId = ServiceClientIds.ForThisProcess(ClientCertificates.ServiceIdentity(broker), connection);
        return (clientId, BrokerClientOptions.CreateBuilder(broker, clientId).WithCleanStart(true).Build());
    }
}
