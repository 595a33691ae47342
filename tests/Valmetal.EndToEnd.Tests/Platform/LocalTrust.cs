using System.Security.Cryptography.X509Certificates;

namespace Valmetal.EndToEnd.Tests.Platform;

/// <summary>
/// HTTP clients of the suite trust the local CA the way a machine trusts its roots: every check on (chain, name,
/// validity), the CA as the only root. Nothing is ignored, so a wrong certificate at the gateway fails the test.
/// </summary>
public static class LocalTrust
{
    public static SocketsHttpHandler Handler(string caCertificatePath) => new()
    {
        SslOptions =
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { X509Certificate2.CreateFromPem(File.ReadAllText(caCertificatePath)) },
                // The local CA publishes no revocation list for server certificates (the broker's CRL is for devices).
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    };
}
