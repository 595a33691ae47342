namespace Valmetal.DeviceSimulator.Misbehaviour;

/// <summary>Ways a faulty or badly configured device breaks the contract; the platform must reject each one.</summary>
public enum MisbehaviourKind
{
    /// <summary>JSON cut off halfway, as after a buffer overrun in the controller.</summary>
    MalformedJson,

    /// <summary>A reading above the metric's valid range, as from a broken sensor.</summary>
    OutOfRangeValue,

    /// <summary>A sample stamped 10 minutes ahead, as from a controller whose clock drifted.</summary>
    FutureTimestamp,

    /// <summary>A well-formed message on another device's topic; the broker refuses it.</summary>
    ForeignTopic,
}
