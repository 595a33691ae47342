using Valmetal.DeviceContract;

namespace Valmetal.Cdk.Iot;

/// <summary>
/// The broker ACLs of the local Mosquitto (Valmetal.AppHost/Broker/MosquittoConfiguration.cs) as IoT Core
/// policy resources. In IoT policies MQTT's <c>+</c> is literal inside a <c>topicfilter/</c> resource (it names
/// exactly the filter the client subscribes with) and <c>*</c> is the wildcard of <c>topic/</c> resources.
/// </summary>
public static class BrokerAccessRules
{
    public const string ThingVariable = "${iot:Connection.Thing.ThingName}";

    /// <summary>MQTT 5 shared subscription group of the telemetry replicas (IngestionOptions.SharedGroup).</summary>
    public const string TelemetrySharedGroup = "telemetry";

    public static readonly IReadOnlyList<string> DeviceDataKinds = ["telemetry", "events", "state", "status"];

    public static string CommandRequests(string thing) => $"{Topics.CommandPrefix}{thing}/req";

    public static string CommandResponses(string thing) => $"{Topics.CommandPrefix}{thing}/res";

    /// <summary>A device publishes its data and command answers, and receives its configuration and commands.</summary>
    public static PolicyRules Device { get; } = new(
        ConnectAs: [ThingVariable],
        Publish: [.. DeviceDataKinds.Select(kind => $"{Topics.DataPrefix}{ThingVariable}/{kind}"), $"{CommandResponses(ThingVariable)}/*"],
        Subscribe: [Topics.Config(ThingVariable), $"{CommandRequests(ThingVariable)}/+"],
        Receive: [Topics.Config(ThingVariable), $"{CommandRequests(ThingVariable)}/*"]);

    /// <summary>
    /// Telemetry replicas (client ids valmetal-telemetry-1..n) share the device traffic and publish live updates.
    /// The thing segment is a wildcard because telemetry serves the whole fleet.
    /// </summary>
    public static PolicyRules Telemetry { get; } = new(
        ConnectAs: ["valmetal-telemetry-*"],
        Publish: [$"{Topics.LivePrefix}*"],
        Subscribe: [.. DeviceDataKinds.Select(kind => $"$share/{TelemetrySharedGroup}/{Topics.DataPrefix}+/{kind}"),
            $"$share/{TelemetrySharedGroup}/{CommandResponses("+")}/+"],
        Receive: [.. DeviceDataKinds.Select(kind => $"{Topics.DataPrefix}*/{kind}"), $"{CommandResponses("*")}/*"]);

    /// <summary>The API sends configuration and commands to any device of the fleet and follows live updates.</summary>
    public static PolicyRules Api { get; } = new(
        ConnectAs: ["valmetal-api"],
        Publish: [Topics.Config("*"), $"{CommandRequests("*")}/*"],
        Subscribe: [$"{Topics.LivePrefix}+"],
        Receive: [$"{Topics.LivePrefix}*"]);
}

/// <summary>Client ids and topics, without the <c>arn:aws:iot:region:account:</c> prefix.</summary>
public sealed record PolicyRules(
    IReadOnlyList<string> ConnectAs,
    IReadOnlyList<string> Publish,
    IReadOnlyList<string> Subscribe,
    IReadOnlyList<string> Receive);
