using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Valmetal.BrokerClient;

public static class ClientCertificates
{
    /// <summary>
    /// The client certificate with its key, from files or from PEM text, whichever the options give;
    /// re-imported through PKCS#12 so SslStream gets a persisted key.
    /// </summary>
    public static X509Certificate2 LoadClient(BrokerConnectionOptions options) => Persisted(
        X509Certificate2.CreateFromPem(
            PemText(options.CertificatePem, options.CertificatePath),
            PemText(options.PrivateKeyPem, options.PrivateKeyPath)));

    /// <summary>The identity a service's client ids start with (<see cref="BrokerConnectionOptions.Identity"/>).</summary>
    public static string ServiceIdentity(BrokerConnectionOptions options) =>
        string.IsNullOrEmpty(options.Identity) ? CommonName(options) : options.Identity;

    public static string CommonName(BrokerConnectionOptions options)
    {
        using var certificate = X509Certificate2.CreateFromPem(PemText(options.CertificatePem, options.CertificatePath));
        return certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    /// <summary>
    /// Every certificate of the CA bundle, not only its first: in AWS the bundle is the system's, where Amazon's root is
    /// one certificate among a hundred or more (X509Certificate2.CreateFromPem would read just the first one).
    /// </summary>
    /// <exception cref="InvalidOperationException">The bundle holds no certificate: no broker could ever be trusted.</exception>
    public static X509Certificate2Collection LoadCa(BrokerConnectionOptions options)
    {
        var bundle = ReadCaBundle(options);
        return bundle.Count > 0
            ? bundle
            : throw new InvalidOperationException(BrokerConnectionOptions.EmptyCaBundleMessage(options));
    }

    /// <summary>The bundle's certificates, possibly none; options validation reports an empty one by name.</summary>
    internal static X509Certificate2Collection ReadCaBundle(BrokerConnectionOptions options)
    {
        var bundle = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(options.CaCertificatePem))
        {
            bundle.ImportFromPemFile(options.CaCertificatePath);
        }
        else
        {
            bundle.ImportFromPem(options.CaCertificatePem);
        }

        return bundle;
    }

    /// <summary>
    /// Accepts the broker only if its chain ends at a certificate of our bundle, not at whatever the machine trusts:
    /// locally the bundle is the private CA (with the system roots, as in AWS), in AWS the system roots with Amazon's.
    /// The host name is still checked by SslStream: only chain errors are re-judged here.
    /// </summary>
    public static bool IsSignedBy(X509Certificate2Collection trusted, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(leaf);
    }

    /// <summary>PEM text as given, else read from its file (options validation guarantees exactly one is set).</summary>
    private static string PemText(string pem, string path) =>
        string.IsNullOrWhiteSpace(pem) ? File.ReadAllText(path) : pem;

    private static X509Certificate2 Persisted(X509Certificate2 ephemeral)
    {
        using (ephemeral)
        {
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
        }
    }
}
