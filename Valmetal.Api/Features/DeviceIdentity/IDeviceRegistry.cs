using Valmetal.DeviceContract.Catalogue;
using Valmetal.DevicePki;

namespace Valmetal.Api.Features.DeviceIdentity;

/// <summary>Where a device connects, and the CA the broker's certificate chains to: handed to the device with its key.</summary>
public sealed record DeviceBroker(string Host, int Port, string CaCertificatePem);

/// <summary>
/// Who may connect to the broker: IoT Core's registry on AWS (<see cref="IotCore.IotCoreDeviceRegistry"/>), the local
/// CA and the broker's revocation list otherwise (<see cref="LocalCa.LocalCaDeviceRegistry"/>), chosen by
/// <c>DeviceRegistry:Kind</c>. Callers change the registry before the database records the change, so a failure in
/// between leaves a device locked out, never a revoked device connecting.
/// </summary>
public interface IDeviceRegistry
{
    /// <summary>A new certificate for the thing, registered and active; its private key exists only in the answer.</summary>
    Task<IssuedCertificate> IssueAsync(string thingName, EquipmentKind kind, CancellationToken ct);

    /// <summary>Refuses every certificate of the thing from now on.</summary>
    Task RevokeAsync(string thingName, CancellationToken ct);

    /// <summary>Retired equipment: every certificate of the thing is refused and the thing leaves the registry.</summary>
    Task DeregisterAsync(string thingName, CancellationToken ct);

    Task<DeviceBroker> DescribeBrokerAsync(CancellationToken ct);
}
