using System.Globalization;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract.Access;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.Ingestion.Slots;
using Valmetal.Telemetry.Pipeline;

namespace Valmetal.Telemetry.Ingestion;

/// <summary>
/// The telemetry service's broker sessions. All its tasks present the service's one certificate; each connects with
/// the client id of the slot it holds (valmetal-telemetry-{slot}), in a persistent session that is a member of the
/// shared subscription, and acknowledges a message only once the batch writer has stored it.
/// </summary>
public sealed class TelemetrySessions(
    IOptions<BrokerConnectionOptions> broker,
    IOptions<IngestionOptions> ingestion,
    MessageRouter router,
    NewThingLookup newThings,
    IngestQueue queue,
    TimeProvider time)
{
    /// <summary>The shared subscriptions, exactly as the access rules grant them.</summary>
    public static IReadOnlyList<string> Filters { get; } =
        [.. BrokerAccessRules.Telemetry.Where(TopicAccess.Subscribe).Select(rule => rule.SubscribedFilter())];

    public string ClientId(int slot) =>
        ServiceClientIds.For(ClientCertificates.ServiceIdentity(broker.Value), slot.ToString(CultureInfo.InvariantCulture));

    /// <summary>Messages queue at the broker while the task is away, for a day at most.</summary>
    public MqttClientOptions Persistent(int slot) => BrokerClientOptions.CreateBuilder(broker.Value, ClientId(slot))
        .WithCleanStart(false)
        .WithSessionExpiryInterval((uint)TimeSpan.FromDays(1).TotalSeconds)
        .WithReceiveMaximum((ushort)ingestion.Value.ReceiveMaximum)
        .Build();

    /// <summary>Feeds what this client receives into the pipeline, counting what is still unacknowledged.</summary>
    public DeliveryTracker Attach(IMqttClient client, CancellationToken stoppingToken)
    {
        var tracker = new DeliveryTracker();
        client.ApplicationMessageReceivedAsync += async e =>
        {
            e.AutoAcknowledge = false;
            var message = e.ApplicationMessage;
            var topic = IncomingTopic.Parse(message.Topic);
            await newThings.EnsureKnownAsync(topic, stoppingToken);
            var item = router.Route(topic, message.Payload, tracker.Delivered(e.AcknowledgeAsync));
            await queue.EnqueueAsync(item, stoppingToken);
        };
        return tracker;
    }

    public async Task SubscribeAsync(IMqttClient client, CancellationToken ct)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in Filters)
        {
            builder.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        var result = await client.SubscribeBoundedAsync(builder.Build(), ct);
        var refused = result.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2).ToList();
        if (refused.Count > 0)
        {
            throw new InvalidOperationException("The broker refused subscriptions: "
                + string.Join(", ", refused.Select(r => $"{r.TopicFilter.Topic} ({r.ResultCode})")));
        }
    }

    /// <summary>Ends the slot's session once what it holds is stored (<see cref="SessionEnding"/>).</summary>
    public Task<bool> EndAsync(IMqttClient client, int slot, DeliveryTracker tracker, TimeSpan limit, CancellationToken ct)
    {
        var discard = BrokerClientOptions.CreateBuilder(broker.Value, ClientId(slot))
            .WithCleanStart(true)
            .WithSessionExpiryInterval(0)
            .Build();
        return SessionEnding.EndAsync(client, discard, Filters, tracker, ingestion.Value.DrainQuietPeriod, limit, time, ct);
    }
}
