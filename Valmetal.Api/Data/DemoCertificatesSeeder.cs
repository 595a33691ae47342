using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data.Entities;
using Valmetal.DevicePki;

namespace Valmetal.Api.Data;

/// <summary>
/// Local seed: records the certificates the AppHost made for the demo fleet (<c>{thing}.crt</c> in
/// <c>Seed:DemoCertificatesFolder</c>), so they show in the admin pages and can be revoked like issued ones.
/// </summary>
public static class DemoCertificatesSeeder
{
    public static async Task SeedAsync(ValmetalDbContext db, string folder, TimeProvider time, CancellationToken ct)
    {
        var known = await db.DeviceCertificates.Select(c => c.SerialNumber).ToHashSetAsync(ct);
        var equipment = await db.Equipment.Select(e => e.SerialNumber).ToListAsync(ct);
        foreach (var thing in equipment.Where(t => !known.Contains(t)))
        {
            var path = Path.Combine(folder, thing + ".crt");
            if (!File.Exists(path))
            {
                continue;
            }

            var pem = await File.ReadAllTextAsync(path, ct);
            var (serial, fingerprint, expiresAt) = IssuedCertificate.Describe(pem);
            db.DeviceCertificates.Add(new DeviceCertificate
            {
                Id = Guid.CreateVersion7(), SerialNumber = thing, CertificateSerial = serial, Fingerprint = fingerprint,
                CertificatePem = pem, IssuedAt = time.GetUtcNow(), ExpiresAt = expiresAt,
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
