using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Valmetal.DevicePki;

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

    /// <summary>
    /// The CA bundle local services trust: the system's bundle with this CA appended, not first, read whole by every
    /// client, as AWS's tasks read the system bundle that holds Amazon's roots.
    /// </summary>
    public string TrustBundlePath => Path.Combine(_folder, "ca-bundle.pem");

    /// <summary>Writes <see cref="TrustBundlePath"/> from the system bundle at <paramref name="systemBundlePath"/>.</summary>
    public string WriteTrustBundle(string systemBundlePath)
    {
        File.WriteAllText(TrustBundlePath, File.ReadAllText(systemBundlePath).TrimEnd() + "\n" + File.ReadAllText(CaCertificatePath));
        return TrustBundlePath;
    }

    /// <summary>The revocation list (PEM) the broker checks every client certificate against.</summary>
    public string RevocationListPath => Path.Combine(_folder, "revoked.crl");

    /// <param name="name">The CA's common name: the local stack has one CA for devices and the broker, and one for
    /// the backend services, whose certificates only the broker's service listener accepts.</param>
    public static LocalCertificateAuthority OpenOrCreate(string folder, string name = "Valmetal Connect Local CA")
    {
        Directory.CreateDirectory(folder);
        var certPath = Path.Combine(folder, "ca.crt");
        var keyPath = Path.Combine(folder, "ca.key");
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}, O=Valmetal", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
            WritePem(certPath, keyPath, created, key);
        }

        return new LocalCertificateAuthority(folder, X509Certificate2.CreateFromPemFile(certPath, keyPath));
    }

    /// <summary>A TLS server certificate for localhost and 127.0.0.1, and any <paramref name="otherNames"/>.</summary>
    public CertificateFiles EnsureServerCertificate(string name, params string[] otherNames)
    {
        return Ensure(Path.Combine(_folder, "server"), name, request =>
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            foreach (var other in otherNames)
            {
                san.AddDnsName(other);
            }

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
        using var issued = CreateLeaf(commonName, key, addExtensions);
        WritePem(files.CertificatePath, files.PrivateKeyPath, issued, key);
        return files;
    }

    /// <summary>
    /// A new device certificate and key, in memory only: handed to the caller once, like IoT Core's
    /// CreateKeysAndCertificate; the key is never written anywhere by the platform.
    /// </summary>
    public IssuedCertificate IssueDeviceCertificate(string thingName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = CreateLeaf(thingName, key, AddClientUsage);
        return IssuedCertificate.From(issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>
    /// Signs a device's certificate request as IoT Core's CreateCertificateFromCsr does: the request's subject and
    /// public key, this CA's signature, the key held by whoever made the request.
    /// </summary>
    /// <exception cref="CryptographicException">The request is not a PEM certificate request or its signature is wrong.</exception>
    public string SignDeviceRequest(string certificateSigningRequestPem)
    {
        var request = CertificateRequest.LoadSigningRequestPem(certificateSigningRequestPem, HashAlgorithmName.SHA256);
        using var issued = Sign(request, AddClientUsage);
        return issued.ExportCertificatePem();
    }

    private static void AddClientUsage(CertificateRequest request) =>
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));

    /// <summary>Writes the revocation list atomically; the broker reloads it when it changes.</summary>
    public void WriteRevocationList(IEnumerable<(string SerialHex, DateTimeOffset RevokedAt)> revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var (serial, at) in revoked)
        {
            builder.AddEntry(Convert.FromHexString(serial), at, X509RevocationReason.KeyCompromise);
        }

        var number = new System.Numerics.BigInteger(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var der = builder.Build(_ca, number, DateTimeOffset.UtcNow.AddYears(1), HashAlgorithmName.SHA256);
        // A name of its own per writer: two API replicas may write at once, and a shared temporary file would make
        // one of the moves fail.
        var temporary = $"{RevocationListPath}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, PemEncoding.WriteString("X509 CRL", der));
        File.Move(temporary, RevocationListPath, overwrite: true);
    }

    /// <summary>An empty list on first run: the broker refuses to start without the file it is told to check.</summary>
    public void EnsureRevocationList()
    {
        if (!File.Exists(RevocationListPath))
        {
            WriteRevocationList([]);
        }
    }

    private X509Certificate2 CreateLeaf(string commonName, ECDsa key, Action<CertificateRequest> addExtensions) =>
        Sign(new CertificateRequest(CertificateSubject.Of(commonName), key, HashAlgorithmName.SHA256), addExtensions);

    private X509Certificate2 Sign(CertificateRequest request, Action<CertificateRequest> addExtensions)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        addExtensions(request);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return request.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2), serial);
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
