using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DevicePki;

namespace Valmetal.Api.Features.DeviceIdentity.IotCore;

/// <summary>
/// Devices' identities in AWS IoT Core: a thing per device in its kind's thing type, a certificate signed by IoT Core
/// from a request whose key the API makes and hands out once, the device policy on the certificate and the
/// certificate on the thing. The policy lets a connection act only as the thing its certificate is attached to.
/// </summary>
public sealed partial class IotCoreDeviceRegistry(IotClient iot, IOptions<DeviceRegistryOptions> options, TimeProvider time, ILogger<IotCoreDeviceRegistry> logger)
    : IDeviceRegistry
{
    public const string Revoked = "REVOKED";

    /// <summary>
    /// DetachThingPrincipal takes effect a few seconds later (IoT's API reference), and DeleteThing refuses a thing
    /// with a principal attached until then: the deletion is tried again for this long.
    /// </summary>
    public static readonly TimeSpan DetachPropagation = TimeSpan.FromSeconds(15);

    private DeviceRegistryOptions Settings => options.Value;

    public async Task<IssuedCertificate> IssueAsync(string thingName, EquipmentKind kind, CancellationToken ct)
    {
        await iot.CreateThingAsync(thingName, ThingTypes.Name(Settings.ThingTypePrefix, kind), new Dictionary<string, string>(), ct);

        // CreateCertificateFromCsr rather than CreateKeysAndCertificate: the certificate then names the device
        // (CN = thing name) as the local CA's do, and the key is made here and returned once all the same.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var certificate = await iot.CreateCertificateFromCsrAsync(CertificateSubject.SigningRequest(thingName, key), ct);
        try
        {
            await iot.AttachPolicyAsync(Settings.PolicyName, certificate.CertificateArn, ct);
            await iot.AttachThingPrincipalAsync(thingName, certificate.CertificateArn, ct);
        }
        catch (Exception error) when (error is IotException or OperationCanceledException)
        {
            // Nobody will receive the key, so the active certificate must not stay behind.
            LogAbandonedCertificate(logger, certificate.CertificateId, thingName, error.GetType().Name);
            await iot.UpdateCertificateAsync(certificate.CertificateId, Revoked, CancellationToken.None);
            throw;
        }

        return IssuedCertificate.From(certificate.CertificatePem, key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>
    /// Every certificate attached to the thing is revoked (IoT Core refuses it at once), then detached from the
    /// policy and the thing. Each step is idempotent, so a revocation cut short is finished by trying again.
    /// </summary>
    public async Task RevokeAsync(string thingName, CancellationToken ct)
    {
        foreach (var principal in await CertificatesOfAsync(thingName, ct))
        {
            await iot.UpdateCertificateAsync(CertificateId(principal), Revoked, ct);
            await IgnoringMissingAsync(iot.DetachPolicyAsync(Settings.PolicyName, principal, ct));
            await IgnoringMissingAsync(iot.DetachThingPrincipalAsync(thingName, principal, ct));
        }
    }

    public async Task DeregisterAsync(string thingName, CancellationToken ct)
    {
        await RevokeAsync(thingName, ct);
        var deadline = time.GetUtcNow() + DetachPropagation;
        while (true)
        {
            try
            {
                await iot.DeleteThingAsync(thingName, ct);
                return;
            }
            catch (IotInvalidRequestException) when (time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
            }
        }
    }

    public async Task<DeviceBroker> DescribeBrokerAsync(CancellationToken ct) =>
        new(await iot.DescribeEndpointAsync(Settings.EndpointType, ct), Settings.BrokerPort, BrokerCa(Settings));

    /// <summary>The CA devices must trust: the whole file, or the one certificate of the bundle with the configured subject.</summary>
    public static string BrokerCa(DeviceRegistryOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.BrokerCaSubject))
        {
            return File.ReadAllText(settings.BrokerCaFile);
        }

        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(settings.BrokerCaFile);
        try
        {
            var ca = bundle.FirstOrDefault(c => string.Equals(c.Subject, settings.BrokerCaSubject, StringComparison.Ordinal))
                ?? throw new InvalidOperationException(
                    $"{DeviceRegistryOptions.SectionName}:{nameof(DeviceRegistryOptions.BrokerCaSubject)} '{settings.BrokerCaSubject}' is not in {settings.BrokerCaFile}.");
            return ca.ExportCertificatePem();
        }
        finally
        {
            foreach (var certificate in bundle)
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>The certificate principals of the thing; a thing IoT Core does not know has none.</summary>
    private async Task<IReadOnlyList<string>> CertificatesOfAsync(string thingName, CancellationToken ct)
    {
        try
        {
            return [.. (await iot.ListThingPrincipalsAsync(thingName, ct)).Where(p => p.Contains(":cert/", StringComparison.Ordinal))];
        }
        catch (IotNotFoundException)
        {
            return [];
        }
    }

    /// <summary>"The last part of the certificate ARN contains the certificate ID" (IoT API reference).</summary>
    public static string CertificateId(string certificateArn) => certificateArn[(certificateArn.LastIndexOf('/') + 1)..];

    /// <summary>A detach of what is already detached has reached the state it asks for.</summary>
    private static async Task IgnoringMissingAsync(Task detach)
    {
        try
        {
            await detach;
        }
        catch (IotNotFoundException)
        {
            // Nothing attached: the wanted state.
        }
    }

    [LoggerMessage(LogLevel.Warning, "IoT certificate {CertificateId} made for {ThingName} is revoked: attaching it failed ({Error})")]
    private static partial void LogAbandonedCertificate(ILogger logger, string certificateId, string thingName, string error);
}
