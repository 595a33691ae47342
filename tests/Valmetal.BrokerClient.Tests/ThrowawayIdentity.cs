using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Valmetal.BrokerClient.Tests;

/// <summary>
/// A CA and a client certificate it signed, made in memory and also written as PEM files to a temp folder; the CA
/// also issues server certificates for brokers the tests stand up.
/// </summary>
public sealed class ThrowawayIdentity : IDisposable
{
    public const string ClientName = "VM-FM-99001";

    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _ca;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "valmetal-broker-tests-" + Guid.NewGuid().ToString("N")[..8]);

    /// <param name="caName">Distinct names for CAs that share a bundle: the chain builder picks an issuer by name.</param>
    public ThrowawayIdentity(string caName = "CN=Throwaway test CA")
    {
        var caRequest = new CertificateRequest(caName, _caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        _ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var ca = _ca;

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientRequest = new CertificateRequest($"CN={ClientName}", clientKey, HashAlgorithmName.SHA256);
        using var client = clientRequest.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), [1, 2, 3, 4]);

        CaCertificatePem = ca.ExportCertificatePem();
        CertificatePem = client.ExportCertificatePem();
        PrivateKeyPem = clientKey.ExportPkcs8PrivateKeyPem();
        Directory.CreateDirectory(_folder);
        File.WriteAllText(CaCertificatePath, CaCertificatePem);
        File.WriteAllText(CertificatePath, CertificatePem);
        File.WriteAllText(PrivateKeyPath, PrivateKeyPem);
    }

    public string CaCertificatePem { get; }
    public string CertificatePem { get; }
    public string PrivateKeyPem { get; }
    public string CaCertificatePath => Path.Combine(_folder, "ca.crt");
    public string CertificatePath => Path.Combine(_folder, "client.crt");
    public string PrivateKeyPath => Path.Combine(_folder, "client.key");

    public BrokerConnectionOptions FromFiles() => new()
    {
        CaCertificatePath = CaCertificatePath,
        CertificatePath = CertificatePath,
        PrivateKeyPath = PrivateKeyPath,
    };

    public BrokerConnectionOptions FromPemText() => new()
    {
        CaCertificatePem = CaCertificatePem,
        CertificatePem = CertificatePem,
        PrivateKeyPem = PrivateKeyPem,
    };

    /// <summary>A broker certificate for 127.0.0.1, signed by this CA, with its key (PKCS#12 round trip for SslStream).</summary>
    public X509Certificate2 IssueServerCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=throwaway-broker", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), [5, 6, 7, 8]);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
