using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Documents;

/// <summary>
/// Confirmation: the upload is checked where it landed (under the pending prefix) and moved to its key. Status
/// changes are conditional on Pending, so a confirmation and the abandoned-upload sweep never both win.
/// </summary>
public static partial class DocumentsApi
{
    public static async Task<Results<Ok<DocumentResponse>, NotFound, ProblemHttpResult>> CompleteUpload(
        Guid documentId, CurrentUser user, ValmetalDbContext db, DocumentStorage storage, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().VisibleTo(db, user).FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
        {
            return TypedResults.NotFound();
        }

        if (document.Status == DocumentStatus.Abandoned)
        {
            return Abandoned();
        }

        if (document.Status == DocumentStatus.Pending)
        {
            var stored = await storage.InspectUploadAsync(document.ObjectKey, ct);
            if (stored is null)
            {
                return TypedResults.Problem(title: Text["NothingUploaded"], detail: Text["NothingUploadedDetail"], statusCode: StatusCodes.Status409Conflict);
            }

            if (stored.Value.Size != document.SizeBytes || !stored.Value.ContentType.StartsWith(document.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                // What arrived is not what was declared (and checked against the limits): it must not stay in the bucket.
                await storage.DeleteAsync(document.ObjectKey, ct);
                await db.Documents.Where(d => d.Id == documentId && d.Status == DocumentStatus.Pending).ExecuteDeleteAsync(ct);
                return TypedResults.Problem(title: Text["UploadMismatch"],
                    detail: Text["UploadMismatchDetail", document.SizeBytes, document.ContentType, stored.Value.Size, stored.Value.ContentType],
                    statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            if (!await storage.PromoteAsync(document.ObjectKey, ct))
            {
                // Another confirmation of this upload moved it first: answer with what that one made of it.
                return await db.Documents.AsNoTracking().AnyAsync(d => d.Id == documentId && d.Status == DocumentStatus.Available, ct)
                    ? TypedResults.Ok(await db.Documents.AsNoTracking().Where(d => d.Id == documentId).Select(ToResponse(db)).FirstAsync(ct))
                    : TypedResults.Problem(title: Text["NothingUploaded"], detail: Text["NothingUploadedDetail"], statusCode: StatusCodes.Status409Conflict);
            }

            var confirmed = await db.Documents.Where(d => d.Id == documentId && d.Status == DocumentStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DocumentStatus.Available), ct);
            if (confirmed == 0 && !await db.Documents.AnyAsync(d => d.Id == documentId && d.Status == DocumentStatus.Available, ct))
            {
                // The sweep claimed it while the object was being moved, and may already have passed this key.
                await storage.DeleteAsync(document.ObjectKey, ct);
                return Abandoned();
            }
        }

        return TypedResults.Ok(await db.Documents.AsNoTracking().Where(d => d.Id == documentId).Select(ToResponse(db)).FirstAsync(ct));
    }

    private static ProblemHttpResult Abandoned() => TypedResults.Problem(title: Text["UploadAbandoned"],
        detail: Text["UploadAbandonedDetail"], statusCode: StatusCodes.Status410Gone);
}
