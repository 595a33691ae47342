namespace Valmetal.Api.Contracts;

/// <summary>
/// The key exists only in this response: whoever registers the device must store it on the device, with the broker's
/// address and the CA its certificate chains to.
/// </summary>
public sealed record DeviceCredentials(
    string ThingName, string CertificatePem, string PrivateKeyPem, string CaCertificatePem, string CertificateSerial, string Fingerprint, DateTimeOffset ExpiresAt,
    string BrokerHost, int BrokerPort);

public sealed record DeviceCertificateResponse(
    Guid Id, string CertificateSerial, string Fingerprint, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);
