using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Valmetal.BrokerClient.Tests;

/// <summary>A CA and a client certificate it signed, made in memory and also written as PEM files to a temp folder.</summary>
public sealed class ThrowawayIdentity : IDisposable
{
    public const string ClientName = "VM-FM-99001";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "valmetal-broker-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public ThrowawayIdentity()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Throwaway test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

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

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
