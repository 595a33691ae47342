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

    public static string CommonName(BrokerConnectionOptions options)
    {
        using var certificate = X509Certificate2.CreateFromPem(PemText(options.CertificatePem, options.CertificatePath));
        return certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    public static X509Certificate2 LoadCa(BrokerConnectionOptions options) =>
        X509Certificate2.CreateFromPem(PemText(options.CaCertificatePem, options.CaCertificatePath));

    /// <summary>Accepts the broker only if its chain ends at our own CA, not at any system root.</summary>
    public static bool IsSignedBy(X509Certificate2 ca, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
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
