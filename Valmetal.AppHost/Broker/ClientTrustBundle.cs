using Valmetal.DevicePki;

namespace Valmetal.AppHost.Broker;

/// <summary>
/// What the local services trust the broker with, built as in AWS: there Broker__CaCertificatePath is the system CA
/// bundle, in which the root that signed IoT Core's certificate is one of many and not the first. Locally the private
/// CA is appended to the same system bundle, so a client that read only the first certificate fails here too, not
/// only after a deploy. The broker itself still trusts the private CA alone for client certificates.
/// </summary>
public static class ClientTrustBundle
{
    public const string SystemBundlePath = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>Writes pki/ca-bundle.crt (system bundle, when the machine has one, then the private CA) and returns its path.</summary>
    public static string EnsureClientTrustBundle(this LocalCertificateAuthority ca)
    {
        var path = Path.Combine(Path.GetDirectoryName(ca.CaCertificatePath)!, "ca-bundle.crt");
        var system = File.Exists(SystemBundlePath) ? File.ReadAllText(SystemBundlePath) : string.Empty;
        if (system.Length > 0 && !system.EndsWith('\n'))
        {
            system += "\n";
        }

        File.WriteAllText(path, system + File.ReadAllText(ca.CaCertificatePath));
        return path;
    }
}
