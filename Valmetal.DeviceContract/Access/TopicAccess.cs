namespace Valmetal.DeviceContract.Access;

/// <summary>What a principal may do with the topics of one rule.</summary>
[Flags]
public enum TopicAccess
{
    None = 0,

    /// <summary>Publish without the retain flag.</summary>
    Publish = 1,

    /// <summary>
    /// Publish with the retain flag (a last will that is retained counts). IoT Core checks it as its own action,
    /// <c>iot:RetainPublish</c>, on top of <c>iot:Publish</c>; Mosquitto has no separate right, so it is a publish there.
    /// </summary>
    PublishRetained = Publish | 2,

    /// <summary>Subscribe with exactly this filter and receive what matches it.</summary>
    Subscribe = 4,
}
