using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.DeviceIdentity;

public static class DeviceIdentityApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(DeviceIdentityApi));

    public static RouteGroupBuilder MapDeviceIdentityApi(this RouteGroupBuilder api)
    {
        // The registry's refusals arrive as exceptions that IotExceptionHandler answers; the OpenAPI document lists them.
        var identity = api.MapGroup("equipment/{serialNumber}").WithTags("Device identity").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        identity.MapPost("certificate", Issue).ProducesProblem(StatusCodes.Status409Conflict).WithName("IssueDeviceCertificate")
            .WithSummary("Issues the device's certificate and private key, returned once and never stored (admins only).");
        identity.MapGet("certificates", List).WithName("ListDeviceCertificates")
            .WithSummary("The device's certificates, active and revoked (admins only).");
        identity.MapPost("certificate/revoke", Revoke).ProducesProblem(StatusCodes.Status409Conflict).WithName("RevokeDeviceCertificate")
            .WithSummary("Revokes the device's active certificate: the broker refuses it from then on (admins only).");
        return api;
    }

    public static async Task<Results<Created<DeviceCredentials>, NotFound, ProblemHttpResult>> Issue(
        string serialNumber, ValmetalDbContext db, IDeviceRegistry registry, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var equipment = await db.Equipment.AsNoTracking().Where(e => e.SerialNumber == serialNumber)
            .Select(e => new { e.Status, e.Model!.Kind }).FirstOrDefaultAsync(ct);
        if (equipment is null)
        {
            return TypedResults.NotFound();
        }

        if (equipment.Status == EquipmentStatus.Retired)
        {
            return TypedResults.Problem(title: Text["Retired"], detail: Text["RetiredDetail"], statusCode: StatusCodes.Status409Conflict);
        }

        if (await db.DeviceCertificates.AnyAsync(c => c.SerialNumber == serialNumber && c.RevokedAt == null, ct))
        {
            return TypedResults.Problem(title: Text["AlreadyIssued"], detail: Text["AlreadyIssuedDetail"], statusCode: StatusCodes.Status409Conflict);
        }

        var broker = await registry.DescribeBrokerAsync(ct);
        var issued = await registry.IssueAsync(serialNumber, equipment.Kind, ct);
        db.DeviceCertificates.Add(new DeviceCertificate
        {
            Id = Guid.CreateVersion7(), SerialNumber = serialNumber, CertificateSerial = issued.SerialHex, Fingerprint = issued.Fingerprint,
            CertificatePem = issued.CertificatePem, IssuedAt = time.GetUtcNow(), ExpiresAt = issued.ExpiresAt,
        });
        await db.SaveChangesAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/equipment/{serialNumber}/certificates", new DeviceCredentials(
            serialNumber, issued.CertificatePem, issued.PrivateKeyPem, broker.CaCertificatePem, issued.SerialHex, issued.Fingerprint, issued.ExpiresAt,
            broker.Host, broker.Port));
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
        string serialNumber, CurrentUser user, ValmetalDbContext db, IDeviceRegistry registry, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Equipment.AnyAsync(e => e.SerialNumber == serialNumber, ct))
        {
            return TypedResults.NotFound();
        }

        var active = await db.DeviceCertificates.Where(c => c.SerialNumber == serialNumber && c.RevokedAt == null).ToListAsync(ct);
        if (active.Count == 0)
        {
            return TypedResults.Problem(title: Text["NothingToRevoke"], detail: Text["NothingToRevokeDetail"], statusCode: StatusCodes.Status409Conflict);
        }

        await registry.RevokeAsync(serialNumber, ct);
        MarkRevoked(active, user, time);
        await db.SaveChangesAsync(ct);
        return (await List(serialNumber, db, ct)).Result is Ok<List<DeviceCertificateResponse>> ok ? ok : TypedResults.NotFound();
    }

    /// <summary>
    /// Retired equipment leaves the registry: its certificates stop working before its status says retired. The
    /// caller saves the changes with the status.
    /// </summary>
    public static async Task DeregisterAsync(
        string serialNumber, CurrentUser user, ValmetalDbContext db, IDeviceRegistry registry, TimeProvider time, CancellationToken ct)
    {
        await registry.DeregisterAsync(serialNumber, ct);
        MarkRevoked(await db.DeviceCertificates.Where(c => c.SerialNumber == serialNumber && c.RevokedAt == null).ToListAsync(ct), user, time);
    }

    /// <summary>Records what the registry has done: the certificates are revoked, by whom and when.</summary>
    private static void MarkRevoked(IEnumerable<DeviceCertificate> certificates, CurrentUser user, TimeProvider time)
    {
        foreach (var certificate in certificates)
        {
            certificate.RevokedAt = time.GetUtcNow();
            certificate.RevokedBySub = user.Sub;
        }
    }
}
