using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Features.Documents;

/// <summary>
/// An upload URL handed out but never confirmed leaves a pending record and perhaps an object. Every replica
/// sweeps: claiming is one conditional update, and deleting an object or a record twice changes nothing.
/// </summary>
public sealed partial class AbandonedUploadSweeper(
    IServiceScopeFactory scopes,
    DocumentStorage storage,
    IOptions<DocumentOptions> options,
    TimeProvider time,
    ILogger<AbandonedUploadSweeper> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
            {
                // Claimed records stay claimed: the next sweep deletes what this one could not.
                LogSweepFailed(ex);
            }
        }
    }

    /// <summary>Claims the uploads past the bound, then deletes each one's objects before its record.</summary>
    /// <returns>How many records this sweep deleted.</returns>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ValmetalDbContext>();
        var cutoff = time.GetUtcNow() - options.Value.AbandonedAfter;
        // Claiming first closes the race with a late confirmation: CompleteUpload only makes a *pending* record
        // available, so once a record is Abandoned no confirmation can revive an object about to be deleted.
        await db.Documents.Where(d => d.Status == DocumentStatus.Pending && d.CreatedAt < cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DocumentStatus.Abandoned), ct);

        var deleted = 0;
        while (true)
        {
            var claimed = await db.Documents.AsNoTracking().Where(d => d.Status == DocumentStatus.Abandoned)
                .OrderBy(d => d.Id).Select(d => new { d.Id, d.ObjectKey }).Take(Batch).ToListAsync(ct);
            if (claimed.Count == 0)
            {
                if (deleted > 0)
                {
                    LogDeleted(deleted);
                }

                return deleted;
            }

            foreach (var document in claimed)
            {
                // Objects first: a crash in between leaves a claimed record, and the next sweep deletes again.
                await storage.DeleteAsync(document.ObjectKey, ct);
                deleted += await db.Documents.Where(d => d.Id == document.Id && d.Status == DocumentStatus.Abandoned).ExecuteDeleteAsync(ct);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} abandoned uploads and their objects")]
    private partial void LogDeleted(int count);

    [LoggerMessage(LogLevel.Warning, "Abandoned upload sweep failed; retrying at the next one")]
    private partial void LogSweepFailed(Exception ex);
}
