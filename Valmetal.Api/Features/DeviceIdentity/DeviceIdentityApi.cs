using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.DeviceIdentity;

/// <summary>The key exists only in this response: whoever registers the device must store it on the device.</summary>
public sealed record DeviceCredentials(
    string ThingName, string CertificatePem, string PrivateKeyPem, string CaCertificatePem, string CertificateSerial, string Fingerprint, DateTimeOffset ExpiresAt);

public sealed record DeviceCertificateResponse(
    Guid Id, string CertificateSerial, string Fingerprint, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);

public static class DeviceIdentityApi
{
    public static RouteGroupBuilder MapDeviceIdentityApi(this RouteGroupBuilder api)
    {
        var identity = api.MapGroup("equipment/{serialNumber}").WithTags("Device identity").RequireAuthorization(Policies.Admin);
        identity.MapPost("certificate", Issue).ProducesProblem(StatusCodes.Status409Conflict).WithName("IssueDeviceCertificate")
            .WithSummary("Issues the device's certificate and private key, returned once and never stored (admins only).");
        identity.MapGet("certificates", List).WithName("ListDeviceCertificates")
            .WithSummary("The device's certificates, active and revoked (admins only).");
        identity.MapPost("certificate/revoke", Revoke).ProducesProblem(StatusCodes.Status409Conflict).WithName("RevokeDeviceCertificate")
            .WithSummary("Revokes the device's active certificate: the broker refuses it from then on (admins only).");
        return api;
    }

    public static async Task<Results<Created<DeviceCredentials>, NotFound, ProblemHttpResult>> Issue(
        string serialNumber, ValmetalDbContext db, DeviceRegistry registry, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!await db.Equipment.AnyAsync(e => e.SerialNumber == serialNumber, ct))
        {
            return TypedResults.NotFound();
        }

        if (await db.DeviceCertificates.AnyAsync(c => c.SerialNumber == serialNumber && c.RevokedAt == null, ct))
        {
            return TypedResults.Problem(title: "Device already has a certificate", detail: "A key is handed out only once. Revoke the active certificate to issue a new one.", statusCode: StatusCodes.Status409Conflict);
        }

        var issued = registry.Issue(serialNumber);
        db.DeviceCertificates.Add(new DeviceCertificate
        {
            Id = Guid.CreateVersion7(), SerialNumber = serialNumber, CertificateSerial = issued.SerialHex, Fingerprint = issued.Fingerprint,
            CertificatePem = issued.CertificatePem, IssuedAt = time.GetUtcNow(), ExpiresAt = issued.ExpiresAt,
        });
        await db.SaveChangesAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/equipment/{serialNumber}/certificates", new DeviceCredentials(
            serialNumber, issued.CertificatePem, issued.PrivateKeyPem, registry.CaCertificatePem, issued.SerialHex, issued.Fingerprint, issued.ExpiresAt));
    }

    public static async Task<Results<Ok<List<DeviceCertificateResponse>>, NotFound>> List(string serialNumber, ValmetalDbContext db, CancellationToken ct)
    {
        if (!await db.Equipment.AnyAsync(e => e.SerialNumber == serialNumber, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.DeviceCertificates.AsNoTracking().Where(c => c.SerialNumber == serialNumber)
            .OrderByDescending(c => c.IssuedAt)
            .Select(c => new DeviceCertificateResponse(c.Id, c.CertificateSerial, c.Fingerprint, c.IssuedAt, c.ExpiresAt, c.RevokedAt))
            .ToListAsync(ct));
    }

    public static async Task<Results<Ok<List<DeviceCertificateResponse>>, NotFound, ProblemHttpResult>> Revoke(
        string serialNumber, CurrentUser user, ValmetalDbContext db, DeviceRegistry registry, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Equipment.AnyAsync(e => e.SerialNumber == serialNumber, ct))
        {
            return TypedResults.NotFound();
        }

        var active = await db.DeviceCertificates.Where(c => c.SerialNumber == serialNumber && c.RevokedAt == null).ToListAsync(ct);
        if (active.Count == 0)
        {
            return TypedResults.Problem(title: "Nothing to revoke", detail: "The device has no active certificate.", statusCode: StatusCodes.Status409Conflict);
        }

        foreach (var certificate in active)
        {
            certificate.RevokedAt = time.GetUtcNow();
            certificate.RevokedBySub = user.Sub;
        }

        await db.SaveChangesAsync(ct);
        await registry.PublishRevocationsAsync(db, ct);
        return (await List(serialNumber, db, ct)).Result is Ok<List<DeviceCertificateResponse>> ok ? ok : TypedResults.NotFound();
    }
}
