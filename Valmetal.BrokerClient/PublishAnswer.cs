using MQTTnet;

namespace Valmetal.BrokerClient;

/// <summary>What a device does with the broker's PUBACK to a QoS 1 publish (device contract, docs/architecture.md).</summary>
public enum PublishAnswer
{
    /// <summary>0x00: the platform's consumers have the message; it may leave the device's buffer.</summary>
    Taken,

    /// <summary>
    /// 0x10 "no matching subscribers" or 0x97 "quota exceeded": the broker is up but nobody took the message yet,
    /// e.g. right after a broker restart, before the telemetry replicas have subscribed again. Keep it and retry.
    /// </summary>
    NotYetTaken,

    /// <summary>Any other code (0x87 not authorized, 0x99 payload format invalid…): sending it again is refused again.</summary>
    Refused,
}

public static class PublishAnswers
{
    public static PublishAnswer Classify(MqttClientPublishResult result) => result.ReasonCode switch
    {
        MqttClientPublishReasonCode.Success => PublishAnswer.Taken,
        MqttClientPublishReasonCode.NoMatchingSubscribers or MqttClientPublishReasonCode.QuotaExceeded => PublishAnswer.NotYetTaken,
        _ => PublishAnswer.Refused,
    };
}
