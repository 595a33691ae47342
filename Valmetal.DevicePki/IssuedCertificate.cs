namespace Valmetal.DevicePki;

/// <summary>A freshly issued device identity; <see cref="PrivateKeyPem"/> exists only in this object.</summary>
public sealed record IssuedCertificate(string CertificatePem, string PrivateKeyPem, string SerialHex, string Fingerprint, DateTimeOffset ExpiresAt);
