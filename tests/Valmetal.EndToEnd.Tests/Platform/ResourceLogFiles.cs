using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Valmetal.EndToEnd.Tests.Platform;

/// <summary>Copies each resource's console output into artifacts/logs/{resource}.log while the platform runs.</summary>
public static class ResourceLogFiles
{
    public static async Task Start(DistributedApplication app, string directory, CancellationToken stopping)
    {
        Directory.CreateDirectory(directory);
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var copies = new ConcurrentDictionary<string, Task>();
        try
        {
            // Log streams are keyed by the running instance's id (for example "api-xkcd"), known once it exists.
            await foreach (var change in app.ResourceNotifications.WatchAsync(stopping))
            {
                _ = copies.GetOrAdd(change.ResourceId, id => CopyAsync(logs, id, Path.Combine(directory, change.Resource.Name + ".log"), stopping));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The platform stopped.
        }

        await Task.WhenAll(copies.Values);
    }

    private static async Task CopyAsync(ResourceLoggerService logs, string resourceId, string path, CancellationToken stopping)
    {
        await using var file = new StreamWriter(path, append: false) { AutoFlush = true };
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(stopping))
            {
                foreach (var line in batch)
                {
                    await file.WriteLineAsync(line.Content);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The platform stopped; the file holds everything it wrote.
        }
    }
}
