namespace Valmetal.AppHost.Broker;

/// <summary>
/// Identities only the local stack has; the services' identities are in BrokerAccessRules and devices use their
/// thing name.
/// </summary>
public static class BrokerIdentities
{
    /// <summary>The AppHost's health probe: may connect, may do nothing else.</summary>
    public const string HealthCheck = "valmetal-healthcheck";
}
