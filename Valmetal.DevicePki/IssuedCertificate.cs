using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Valmetal.DevicePki;

/// <summary>A freshly issued device identity; <see cref="PrivateKeyPem"/> exists only in this object.</summary>
public sealed record IssuedCertificate(string CertificatePem, string PrivateKeyPem, string SerialHex, string Fingerprint, DateTimeOffset ExpiresAt)
{
    public static IssuedCertificate From(string certificatePem, string privateKeyPem)
    {
        var (serial, fingerprint, expiresAt) = Describe(certificatePem);
        return new IssuedCertificate(certificatePem, privateKeyPem, serial, fingerprint, expiresAt);
    }

    /// <summary>What the platform records of a certificate: its serial (hex, as revocation lists name it), SHA-256 fingerprint and expiry.</summary>
    public static (string SerialHex, string Fingerprint, DateTimeOffset ExpiresAt) Describe(string certificatePem)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        return (certificate.SerialNumber, certificate.GetCertHashString(HashAlgorithmName.SHA256), certificate.NotAfter.ToUniversalTime());
    }
}
