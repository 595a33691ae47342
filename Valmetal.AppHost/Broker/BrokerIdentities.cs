namespace Valmetal.AppHost.Broker;

/// <summary>Certificate common names of the backend services; devices use their thing name.</summary>
public static class BrokerIdentities
{
    public const string Telemetry = "valmetal-telemetry";
    public const string Api = "valmetal-api";

    /// <summary>The AppHost's health probe: may connect, may do nothing else.</summary>
    public const string HealthCheck = "valmetal-healthcheck";
}
