using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Valmetal.AppHost.Pki;

/// <summary>
/// The private CA of the local stack, standing in for AWS IoT Core's certificate registry:
/// one certificate per device and per backend service, created on first run and kept in the state folder.
/// Keys are ECDSA P-256, which IoT Core accepts too. Nothing here is ever committed.
/// </summary>
public sealed class LocalCertificateAuthority : IDisposable
{
    private static readonly UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly X509Certificate2 _ca;
    private readonly string _folder;

    private LocalCertificateAuthority(string folder, X509Certificate2 ca)
    {
        _folder = folder;
        _ca = ca;
    }

    public string CaCertificatePath => Path.Combine(_folder, "ca.crt");

    public static LocalCertificateAuthority OpenOrCreate(string folder)
    {
        Directory.CreateDirectory(folder);
        var certPath = Path.Combine(folder, "ca.crt");
        var keyPath = Path.Combine(folder, "ca.key");
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Valmetal Connect Local CA, O=Valmetal", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
            WritePem(certPath, keyPath, created, key);
        }

        return new LocalCertificateAuthority(folder, X509Certificate2.CreateFromPemFile(certPath, keyPath));
    }

    public CertificateFiles EnsureServerCertificate(string name)
    {
        return Ensure(Path.Combine(_folder, "server"), name, request =>
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        });
    }

    /// <summary>A client certificate whose CN is the identity the broker authorizes (thing name or service name).</summary>
    public CertificateFiles EnsureClientCertificate(string group, string commonName)
    {
        return Ensure(Path.Combine(_folder, group), commonName, request =>
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false)));
    }

    public void Dispose() => _ca.Dispose();

    private CertificateFiles Ensure(string folder, string commonName, Action<CertificateRequest> addExtensions)
    {
        Directory.CreateDirectory(folder);
        var files = new CertificateFiles(Path.Combine(folder, commonName + ".crt"), Path.Combine(folder, commonName + ".key"));
        if (File.Exists(files.CertificatePath) && File.Exists(files.PrivateKeyPath))
        {
            return files;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=Valmetal"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        addExtensions(request);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2), serial);
        WritePem(files.CertificatePath, files.PrivateKeyPath, issued, key);
        return files;
    }

    private static void WritePem(string certPath, string keyPath, X509Certificate2 certificate, ECDsa key)
    {
        File.WriteAllText(keyPath, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, PrivateFile);
        }

        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
    }
}
