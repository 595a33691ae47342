using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.DevicePki;

namespace Valmetal.Api.Features.DeviceIdentity;

/// <summary>Issues device certificates and keeps the broker's revocation list in step with the database.</summary>
public sealed class DeviceRegistry(IOptions<DeviceRegistryOptions> options) : IDisposable
{
    private readonly Lazy<LocalCertificateAuthority> _ca = new(() => LocalCertificateAuthority.OpenOrCreate(options.Value.PkiFolder));
    private readonly Lock _crlGate = new();

    public string CaCertificatePem => File.ReadAllText(_ca.Value.CaCertificatePath);

    public IssuedCertificate Issue(string thingName) => _ca.Value.IssueDeviceCertificate(thingName);

    public async Task PublishRevocationsAsync(ValmetalDbContext db, CancellationToken ct)
    {
        var revoked = await db.DeviceCertificates.AsNoTracking()
            .Where(c => c.RevokedAt != null)
            .Select(c => new { c.CertificateSerial, c.RevokedAt })
            .ToListAsync(ct);
        lock (_crlGate)
        {
            _ca.Value.WriteRevocationList(revoked.Select(r => (r.CertificateSerial, r.RevokedAt!.Value)));
        }
    }

    /// <summary>Local seed: records the certificates the AppHost issued to the demo fleet, so they can be revoked too.</summary>
    public async Task ImportDemoCertificatesAsync(ValmetalDbContext db, TimeProvider time, CancellationToken ct)
    {
        var known = await db.DeviceCertificates.Select(c => c.SerialNumber).ToHashSetAsync(ct);
        var equipment = await db.Equipment.Select(e => e.SerialNumber).ToListAsync(ct);
        foreach (var thing in equipment.Where(t => !known.Contains(t)))
        {
            var path = Path.Combine(options.Value.PkiFolder, "devices", thing + ".crt");
            if (!File.Exists(path))
            {
                continue;
            }

            var pem = await File.ReadAllTextAsync(path, ct);
            var (serial, fingerprint) = LocalCertificateAuthority.Describe(pem);
            db.DeviceCertificates.Add(new DeviceCertificate
            {
                Id = Guid.CreateVersion7(), SerialNumber = thing, CertificateSerial = serial, Fingerprint = fingerprint,
                CertificatePem = pem, IssuedAt = time.GetUtcNow(), ExpiresAt = time.GetUtcNow().AddYears(2),
            });
        }

        await db.SaveChangesAsync(ct);
    }

    public void Dispose()
    {
        if (_ca.IsValueCreated)
        {
            _ca.Value.Dispose();
        }
    }
}
