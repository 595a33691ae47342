namespace Valmetal.Api.Data.Entities;

/// <summary>
/// A device's X.509 identity. The private key is handed out once at issue and never stored;
/// revoking has the device registry refuse it (docs/deployment.md, "Device registry").
/// </summary>
public sealed class DeviceCertificate
{
    public Guid Id { get; set; }
    public required string SerialNumber { get; set; }

    /// <summary>The certificate's own serial number (hex), as revocation lists name it.</summary>
    public required string CertificateSerial { get; set; }

    public required string Fingerprint { get; set; }
    public required string CertificatePem { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBySub { get; set; }
}
