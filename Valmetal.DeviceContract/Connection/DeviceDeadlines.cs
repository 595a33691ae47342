namespace Valmetal.DeviceContract.Connection;

/// <summary>
/// How long a device waits for the broker before it counts the link as failed (docs/device-contract.md, "Delivery,
/// reconnecting and backfill"). Both are long on purpose, against the 10 s the platform's services give a call: a busy
/// broker or pipeline answers late but answers, and a device that gives up early makes the same work again. Dead links
/// are found by the keep-alive (30 s), which fails every call waiting on them at once.
/// </summary>
public static class DeviceDeadlines
{
    /// <summary>
    /// One connection attempt, from the TCP connect to the CONNACK. A broker busy with a fleet's reconnections works on
    /// every handshake it has begun at once; an attempt abandoned part-way has cost it a handshake and connected nobody,
    /// and once more handshakes are in progress than it finishes within the deadline, nearly every attempt is abandoned
    /// and the fleet stops coming back (docs/benchmarks.md, "Fleet scale").
    /// </summary>
    public static TimeSpan ConnectAttempt { get; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The PUBACK of a QoS 1 publish. The telemetry service acknowledges only what it stored, so under load a PUBACK
    /// comes seconds late; a device that gave up on it would send the message again on the same connection, and every
    /// copy adds to the backlog that made it late. MQTT itself sends an unacknowledged publish again only after a
    /// reconnection.
    /// </summary>
    public static TimeSpan Acknowledgement { get; } = TimeSpan.FromSeconds(60);
}
