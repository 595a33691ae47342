using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Valmetal.EndToEnd.Tests.Platform;

/// <summary>
/// Copies each resource's console output into artifacts/logs/{resource}.log while the platform runs, and hands every
/// line at error level to <paramref name="errors"/>.
/// </summary>
public static class ResourceLogFiles
{
    public static async Task Start(DistributedApplication app, string directory, ConcurrentQueue<ErrorLogLine> errors, CancellationToken stopping)
    {
        Directory.CreateDirectory(directory);
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var copies = new ConcurrentDictionary<string, Task>();
        try
        {
            // Log streams are keyed by the running instance's id (for example "api-xkcd"), known once it exists.
            await foreach (var change in app.ResourceNotifications.WatchAsync(stopping))
            {
                _ = copies.GetOrAdd(change.ResourceId, id => CopyAsync(logs, id, change.Resource.Name, directory, errors, stopping));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The platform stopped.
        }

        await Task.WhenAll(copies.Values);
    }

    private static async Task CopyAsync(
        ResourceLoggerService logs, string resourceId, string resource, string directory, ConcurrentQueue<ErrorLogLine> errors, CancellationToken stopping)
    {
        await using var file = new StreamWriter(Path.Combine(directory, resource + ".log"), append: false) { AutoFlush = true };
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(stopping))
            {
                foreach (var line in batch)
                {
                    await file.WriteLineAsync(line.Content);
                    if (ErrorLogLine.Read(resource, line.Content) is { } error)
                    {
                        errors.Enqueue(error);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The platform stopped; the file holds everything it wrote.
        }
    }
}
