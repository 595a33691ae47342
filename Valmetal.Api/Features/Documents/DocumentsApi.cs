using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Documents;

public static partial class DocumentsApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(DocumentsApi));

    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("documents").WithTags("Documents");
        documents.MapPost("/", StartUpload).WithName("StartDocumentUpload")
            .WithSummary("Registers a document and returns a presigned URL to PUT its bytes to (manuals: admins only).");
        documents.MapPost("/{documentId:guid}/complete", CompleteUpload).WithName("CompleteDocumentUpload")
            .WithSummary("Checks the uploaded object against the declared size and type and makes the document available.");
        documents.MapGet("/{documentId:guid}", GetDocument).WithName("GetDocument").WithSummary("Reads a document's metadata.");
        documents.MapGet("/{documentId:guid}/download", Download).WithName("DownloadDocument")
            .WithSummary("Returns a short-lived presigned URL to download the document.");
        api.MapGet("equipment/{serialNumber}/documents", ListForEquipment).WithTags("Documents").WithName("ListEquipmentDocuments")
            .WithSummary("Reports about one unit and the manuals of its model.");
        api.MapGet("models/{modelCode}/documents", ListForModel).WithTags("Documents").WithName("ListModelDocuments")
            .WithSummary("Manuals of an equipment model.");
        return api;
    }

    public static async Task<Results<Created<UploadTicket>, NotFound, ValidationProblem, ProblemHttpResult>> StartUpload(
        StartUploadRequest request, CurrentUser user, ValmetalDbContext db, DocumentStorage storage, IOptions<DocumentOptions> options,
        TimeProvider time, CancellationToken ct)
    {
        var validation = request.Validate(options.Value);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        Guid? farmId = null;
        if (request.Kind == DocumentKind.Manual)
        {
            if (!user.IsAdmin)
            {
                return TypedResults.Problem(title: Text["OnlyAdminsPublishManuals"], statusCode: StatusCodes.Status403Forbidden);
            }

            if (!await db.EquipmentModels.AnyAsync(m => m.Code == request.ModelCode, ct))
            {
                return TypedResults.NotFound();
            }
        }
        else
        {
            farmId = await db.Equipment.VisibleTo(user).Where(e => e.SerialNumber == request.SerialNumber).Select(e => (Guid?)e.FarmId).FirstOrDefaultAsync(ct);
            if (farmId is null)
            {
                return TypedResults.NotFound();
            }

            if (request.MaintenanceLogId is { } logId
                && !await db.MaintenanceLogs.AnyAsync(l => l.Id == logId && l.SerialNumber == request.SerialNumber, ct))
            {
                return new Validation().Add("maintenanceLogId", Text["NoSuchMaintenanceLog"]).ToProblem();
            }
        }

        var id = Guid.CreateVersion7();
        var scope = request.Kind == DocumentKind.Manual ? $"manuals/{request.ModelCode}" : $"reports/{request.SerialNumber}";
        var document = new Document
        {
            Id = id,
            Kind = request.Kind,
            ModelCode = request.Kind == DocumentKind.Manual ? request.ModelCode : null,
            SerialNumber = request.Kind == DocumentKind.Report ? request.SerialNumber : null,
            MaintenanceLogId = request.Kind == DocumentKind.Report ? request.MaintenanceLogId : null,
            FarmId = farmId,
            FileName = request.FileName.Trim(),
            ContentType = request.ContentType,
            SizeBytes = request.SizeBytes,
            ObjectKey = $"{scope}/{id:N}/{DocumentNames.SafeFileName(request.FileName)}",
            Status = DocumentStatus.Pending,
            UploadedBySub = user.Sub,
            CreatedAt = time.GetUtcNow(),
        };
        db.Documents.Add(document);
        await db.SaveChangesAsync(ct);
        var (url, expires) = await storage.UploadUrlAsync(document.ObjectKey, document.ContentType, document.SizeBytes);
        var response = await db.Documents.AsNoTracking().Where(d => d.Id == id).Select(ToResponse(db)).FirstAsync(ct);
        return TypedResults.Created($"/api/documents/{id}",
            new UploadTicket(response, url, "PUT", SignedHeaders(document), expires));
    }

    public static async Task<Results<Ok<DocumentResponse>, NotFound>> GetDocument(Guid documentId, CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().VisibleTo(db, user).Where(d => d.Id == documentId).Select(ToResponse(db)).FirstOrDefaultAsync(ct);
        return document is null ? TypedResults.NotFound() : TypedResults.Ok(document);
    }

    public static async Task<Results<Ok<DownloadLink>, NotFound, ProblemHttpResult>> Download(
        Guid documentId, CurrentUser user, ValmetalDbContext db, DocumentStorage storage, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().VisibleTo(db, user).FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
        {
            return TypedResults.NotFound();
        }

        if (document.Status != DocumentStatus.Available)
        {
            return TypedResults.Problem(title: Text["NotUploadedYet"], statusCode: StatusCodes.Status409Conflict);
        }

        var (url, expires) = await storage.DownloadUrlAsync(document.ObjectKey, DocumentNames.SafeFileName(document.FileName));
        return TypedResults.Ok(new DownloadLink(url, expires));
    }

    public static async Task<Results<Ok<List<DocumentResponse>>, NotFound>> ListForEquipment(
        string serialNumber, CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        var model = await db.Equipment.VisibleTo(user).Where(e => e.SerialNumber == serialNumber).Select(e => e.ModelCode).FirstOrDefaultAsync(ct);
        if (model is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.Documents.AsNoTracking().VisibleTo(db, user)
            .Where(d => d.Status == DocumentStatus.Available && (d.SerialNumber == serialNumber || d.ModelCode == model))
            .OrderByDescending(d => d.CreatedAt).Take(500).Select(ToResponse(db)).ToListAsync(ct));
    }

    public static async Task<Results<Ok<List<DocumentResponse>>, NotFound>> ListForModel(string modelCode, ValmetalDbContext db, CancellationToken ct)
    {
        if (!await db.EquipmentModels.AnyAsync(m => m.Code == modelCode, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.Documents.AsNoTracking()
            .Where(d => d.Status == DocumentStatus.Available && d.Kind == DocumentKind.Manual && d.ModelCode == modelCode)
            .OrderBy(d => d.FileName).Take(500).Select(ToResponse(db)).ToListAsync(ct));
    }

    /// <summary>What the PUT must carry because the URL's signature covers it; browsers set Content-Length themselves.</summary>
    private static Dictionary<string, string> SignedHeaders(Document document) => new()
    {
        ["Content-Type"] = document.ContentType,
        ["Content-Length"] = document.SizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Manuals are everyone's. A report is its farm's, and only while the unit is still there: it stays with the period
    /// in which it was uploaded (docs/decisions.md, "Equipment that changes farms"), so neither the farm the unit left
    /// nor the one it went to sees reports from before the move; admins see all of them.
    /// </summary>
    private static IQueryable<Document> VisibleTo(this IQueryable<Document> documents, ValmetalDbContext db, CurrentUser user)
    {
        var visible = user.VisibleFarmIds;
        if (visible is null)
        {
            return documents;
        }

        var reports = documents.Where(d => d.Kind == DocumentKind.Report && d.FarmId != null && visible.Contains(d.FarmId.Value))
            .InTenure(db.Equipment, user, d => d.SerialNumber, d => d.CreatedAt);
        return documents.Where(d => d.Kind == DocumentKind.Manual).Concat(reports);
    }

    private static Expression<Func<Document, DocumentResponse>> ToResponse(ValmetalDbContext db) => d => new DocumentResponse(
        d.Id, d.Kind.ToString(), d.ModelCode, d.SerialNumber, d.MaintenanceLogId, d.FileName, d.ContentType, d.SizeBytes, d.Status.ToString(),
        db.Users.Where(u => u.Sub == d.UploadedBySub).Select(u => u.Email).FirstOrDefault(), d.CreatedAt);
}
