using System.Globalization;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Valmetal.Gateway;

/// <summary>
/// The ALBs' behaviour written as YARP routes and clusters (the CDK's PublicEndpointConstruct is the other side):
/// round robin over healthy replicas, <c>/health</c> probes, the browser's Host kept, X-Forwarded-For appended and
/// X-Forwarded-Proto set, a 120 s idle timeout, and for the web app a duration-based stickiness cookie named like the
/// ALB's.
/// </summary>
public static class LoadBalancerConfig
{
    /// <summary>The ALB's stickiness cookie; its value names a replica, protected by the gateway's own keys.</summary>
    public const string StickinessCookie = "AWSALB";

    /// <summary>The stickiness cookie's lifetime (the CDK's <c>StickinessCookieDuration</c>).</summary>
    public static readonly TimeSpan StickinessDuration = TimeSpan.FromHours(1);

    /// <summary>The ALB's idle timeout: Blazor circuits and the live stream stay open between messages.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Faster than the ALB's 15 s so a killed replica leaves the rotation within seconds locally; a request that
    /// reaches it before then fails (502), as on an ALB.
    /// </summary>
    public static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(2);

    public static IReadOnlyList<RouteConfig> Routes(GatewayOptions options) =>
        [.. options.Listeners.Select(listener => new RouteConfig
        {
            RouteId = listener.Name,
            ClusterId = listener.Name,
            // Each listener has its own port, and the browser's Host header carries it.
            Match = new RouteMatch { Path = "{**path}", Hosts = [string.Create(CultureInfo.InvariantCulture, $"*:{listener.Port}")] },
            Transforms =
            [
                new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" },
                // The ALB appends the peer to X-Forwarded-For and sets X-Forwarded-Proto; services read the rightmost.
                new Dictionary<string, string> { ["X-Forwarded"] = "Append", ["Proto"] = "Set", ["Host"] = "Off", ["Prefix"] = "Off" },
            ],
        })];

    public static IReadOnlyList<ClusterConfig> Clusters(GatewayOptions options) =>
        [.. options.Listeners.Select(listener => new ClusterConfig
        {
            ClusterId = listener.Name,
            LoadBalancingPolicy = "RoundRobin",
            Destinations = listener.Destinations.Select((address, i) => (address, i))
                .ToDictionary(d => string.Create(CultureInfo.InvariantCulture, $"{listener.Name}-{d.i + 1}"), d => new DestinationConfig { Address = d.address }),
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = IdleTimeout },
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig { Enabled = true, Interval = HealthInterval, Timeout = HealthInterval, Path = "/health", Policy = "ConsecutiveFailures" },
                Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(10) },
                // With every replica unhealthy, still try them (as an ALB does when a whole target group fails).
                AvailableDestinationsPolicy = "HealthyOrPanic",
            },
            SessionAffinity = listener.StickySessions
                ? new SessionAffinityConfig
                {
                    Enabled = true,
                    Policy = "Cookie",
                    AffinityKeyName = StickinessCookie,
                    // A replica that left the rotation hands its browsers to another one, which has the same key ring.
                    FailurePolicy = "Redistribute",
                    Cookie = new SessionAffinityCookieConfig { Expiration = StickinessDuration, HttpOnly = true, SameSite = SameSiteMode.Lax, SecurePolicy = CookieSecurePolicy.Always },
                }
                : null,
        })];
}
