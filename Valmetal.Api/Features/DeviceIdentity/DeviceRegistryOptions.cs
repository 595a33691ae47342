namespace Valmetal.Api.Features.DeviceIdentity;

public sealed class DeviceRegistryOptions
{
    public const string SectionName = "DeviceRegistry";

    /// <summary>
    /// The local CA's folder (ca.crt, ca.key, revoked.crl), shared with the broker. In AWS, IoT Core's
    /// CreateKeysAndCertificate and UpdateCertificate take this role (no IoT SDK is served to this project yet).
    /// </summary>
    public string PkiFolder { get; set; } = string.Empty;
}
