using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valmetal.Api.Data;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DevicePki;

namespace Valmetal.Api.Features.DeviceIdentity.LocalCa;

/// <summary>
/// The registry of one machine: certificates from the local CA, and the broker's revocation list written from the
/// database, which Mosquitto reloads when it changes. There is no thing to create or delete: the broker knows a device
/// by its certificate alone.
/// </summary>
public sealed class LocalCaDeviceRegistry(IOptions<DeviceRegistryOptions> options, ValmetalDbContext db, TimeProvider time) : IDeviceRegistry, IDisposable
{
    /// <summary>The list is rewritten whole: two requests of this process must not interleave their writes.</summary>
    private static readonly Lock RevocationListGate = new();

    private readonly Lazy<LocalCertificateAuthority> _ca = new(() => LocalCertificateAuthority.OpenOrCreate(options.Value.PkiFolder));

    public Task<IssuedCertificate> IssueAsync(string thingName, EquipmentKind kind, CancellationToken ct) =>
        Task.FromResult(_ca.Value.IssueDeviceCertificate(thingName));

    public Task RevokeAsync(string thingName, CancellationToken ct) => PublishRevocationsAsync(thingName, ct);

    public Task DeregisterAsync(string thingName, CancellationToken ct) => PublishRevocationsAsync(thingName, ct);

    public Task<DeviceBroker> DescribeBrokerAsync(CancellationToken ct) =>
        Task.FromResult(new DeviceBroker(options.Value.BrokerHost, options.Value.BrokerPort, File.ReadAllText(_ca.Value.CaCertificatePath)));

    /// <summary>
    /// Writes the list from the database: the certificates it has revoked, and those of <paramref name="revokedThing"/>
    /// still active there, which the caller is about to record as revoked.
    /// </summary>
    public async Task PublishRevocationsAsync(string? revokedThing, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var revoked = await db.DeviceCertificates.AsNoTracking()
            .Where(c => c.RevokedAt != null || c.SerialNumber == revokedThing)
            .Select(c => new { c.CertificateSerial, c.RevokedAt })
            .ToListAsync(ct);
        lock (RevocationListGate)
        {
            _ca.Value.WriteRevocationList(revoked.Select(r => (r.CertificateSerial, r.RevokedAt ?? now)));
        }
    }

    public void Dispose()
    {
        if (_ca.IsValueCreated)
        {
            _ca.Value.Dispose();
        }
    }
}
