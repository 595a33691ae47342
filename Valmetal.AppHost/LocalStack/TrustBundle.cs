namespace Valmetal.AppHost.LocalStack;

public static class TrustBundle
{
    /// <summary>Debian's system bundle (package ca-certificates), the file the .NET runtime reads its roots from.</summary>
    public const string SystemBundlePath = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>
    /// Makes the service trust <paramref name="bundle"/> (the system bundle with the local CA appended): .NET on Linux
    /// reads its root store from OpenSSL's default file, which SSL_CERT_FILE replaces. The web app calls the API through
    /// the gateway's TLS this way, as it calls the API's load balancer in AWS with the system bundle alone.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTrustBundle(this IResourceBuilder<ProjectResource> project, string bundle) =>
        project.WithEnvironment("SSL_CERT_FILE", bundle);
}
