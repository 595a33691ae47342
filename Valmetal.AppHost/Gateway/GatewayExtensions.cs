using System.Globalization;
using Valmetal.AppHost.LocalStack;
using Valmetal.DevicePki;

namespace Valmetal.AppHost.Gateway;

/// <summary>
/// The local stand-in for the deployment's application load balancers (Valmetal.Gateway): TLS with a certificate of
/// the local CA, on the fixed ports browsers and tests use, in front of the services' replicas.
/// </summary>
public static class GatewayExtensions
{
    /// <summary>
    /// A name besides localhost that the gateway's certificate covers: browsers resolve every *.localhost name to
    /// loopback, and the web app sends HSTS to it, which it never sends to localhost itself (HstsOptions.ExcludedHosts).
    /// </summary>
    public const string SiteName = "valmetal.localhost";

    public static IResourceBuilder<ProjectResource> AddLoadBalancers(this IDistributedApplicationBuilder builder, LocalCertificateAuthority ca)
    {
        var certificate = ca.EnsureServerCertificate("gateway", SiteName);
        return builder.AddLocalProject<Projects.Valmetal_Gateway>("gateway")
            .WithEnvironment("Gateway__CertificatePath", certificate.CertificatePath)
            .WithEnvironment("Gateway__PrivateKeyPath", certificate.PrivateKeyPath);
    }

    /// <summary>
    /// One load balancer: HTTPS on <paramref name="port"/> (and a redirect from plain HTTP on
    /// <paramref name="redirectPort"/>) in front of <paramref name="replicas"/>' <c>http</c> endpoints. The ports are
    /// declared as TCP endpoints: the gateway configures TLS itself, so Aspire must not ask for a developer certificate.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLoadBalancer(
        this IResourceBuilder<ProjectResource> gateway, int index, string name, int port, int? redirectPort, bool stickySessions,
        IReadOnlyList<IResourceBuilder<ProjectResource>> replicas)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"Gateway__Listeners__{index}__");
        gateway
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: name, isProxied: false)
            .WithUrlForEndpoint(name, url => url.Url = string.Create(CultureInfo.InvariantCulture, $"https://localhost:{port}"))
            .WithEnvironment(prefix + "Name", name)
            .WithEnvironment(prefix + "Port", port.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment(prefix + "StickySessions", stickySessions ? "true" : "false");
        if (redirectPort is { } redirect)
        {
            gateway
                .WithEndpoint(port: redirect, targetPort: redirect, scheme: "tcp", name: name + "-redirect", isProxied: false)
                .WithEnvironment(prefix + "RedirectPort", redirect.ToString(CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < replicas.Count; i++)
        {
            gateway.WithEnvironment(string.Create(CultureInfo.InvariantCulture, $"{prefix}Destinations__{i}"), replicas[i].GetEndpoint("http"));
        }

        return gateway;
    }
}
