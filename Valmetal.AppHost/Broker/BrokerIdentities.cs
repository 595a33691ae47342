namespace Valmetal.AppHost.Broker;

/// <summary>Certificate common names of the backend services; devices use their thing name.</summary>
public static class BrokerIdentities
{
    public const string Telemetry = "valmetal-telemetry";

    /// <summary>Each replica has its own certificate: the broker makes the CN the client id, and two sessions cannot share one.</summary>
    public static string TelemetryReplica(int index) => $"{Telemetry}-{index}";
    public const string Api = "valmetal-api";

    /// <summary>The AppHost's health probe: may connect, may do nothing else.</summary>
    public const string HealthCheck = "valmetal-healthcheck";
}
