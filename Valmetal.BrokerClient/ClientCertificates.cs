using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Valmetal.BrokerClient;

public static class ClientCertificates
{
    /// <summary>Loads a PEM certificate and key; re-imported through PKCS#12 so SslStream gets a persisted key.</summary>
    public static X509Certificate2 LoadPem(string certificatePath, string privateKeyPath)
    {
        using var ephemeral = X509Certificate2.CreateFromPemFile(certificatePath, privateKeyPath);
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }

    public static string CommonName(string certificatePath)
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
        return certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    public static X509Certificate2 LoadCa(string caCertificatePath) =>
        X509CertificateLoader.LoadCertificateFromFile(caCertificatePath);

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
}
