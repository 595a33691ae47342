namespace Valmetal.DeviceContract.Access;

/// <summary>
/// Who may publish, retain and subscribe to what on the broker, written once. The local Mosquitto's ACL
/// (Valmetal.AppHost/Broker/MosquittoAcl.cs) and the IoT Core policies (Valmetal.Cdk/Iot/IotPolicyDocument.cs) are
/// both generated from these, so the two brokers cannot drift.
/// </summary>
public static class BrokerAccessRules
{
    /// <summary>Placeholder in a filter for the connecting device's own thing name.</summary>
    public const string OwnThing = "{thing}";

    /// <summary>MQTT 5 shared subscription group of the telemetry tasks (IngestionOptions.SharedGroup).</summary>
    public const string TelemetrySharedGroup = "telemetry";

    public const string TelemetryIdentity = "valmetal-telemetry";

    public const string ApiIdentity = "valmetal-api";

    /// <summary>
    /// A device publishes its data (status retained, and as its retained will) and command answers, and receives its
    /// configuration and commands.
    /// </summary>
    public static BrokerPrincipal Device { get; } = new("Devices: each is its thing name and uses only its own topics", null,
    [
        .. Topics.DeviceKinds.Select(kind => new TopicRule(Topics.Device(OwnThing, kind),
            kind == DeviceTopicKind.Status ? TopicAccess.PublishRetained : TopicAccess.Publish)),
        new(Topics.Config(OwnThing), TopicAccess.Subscribe),
        new(Topics.CommandRequest(OwnThing, Topics.AnyLevel), TopicAccess.Subscribe),
        new(Topics.CommandResponse(OwnThing, Topics.AnyLevel), TopicAccess.Publish),
    ]);

    /// <summary>Telemetry tasks share the whole fleet's data and command answers, and publish live updates.</summary>
    public static BrokerPrincipal Telemetry { get; } = new("Telemetry ingestion: the fleet's data, split between its tasks", TelemetryIdentity,
    [
        .. Topics.DeviceKinds.Select(kind => new TopicRule(Topics.Device(Topics.AnyLevel, kind), TopicAccess.Subscribe, TelemetrySharedGroup)),
        new(Topics.CommandResponse(Topics.AnyLevel, Topics.AnyLevel), TopicAccess.Subscribe, TelemetrySharedGroup),
        new(Topics.Live(Topics.AnyLevel), TopicAccess.Publish),
    ]);

    /// <summary>
    /// The API sends configuration (retained, like a shadow's desired state) and commands to any device, and every API
    /// task follows the live updates for the users signed in to it.
    /// </summary>
    public static BrokerPrincipal Api { get; } = new("The API: configuration and commands to devices, live updates to users", ApiIdentity,
    [
        new(Topics.Config(Topics.AnyLevel), TopicAccess.PublishRetained),
        new(Topics.CommandRequest(Topics.AnyLevel, Topics.AnyLevel), TopicAccess.Publish),
        new(Topics.Live(Topics.AnyLevel), TopicAccess.Publish | TopicAccess.Subscribe),
    ]);

    public static IReadOnlyList<BrokerPrincipal> All { get; } = [Device, Telemetry, Api];
}
