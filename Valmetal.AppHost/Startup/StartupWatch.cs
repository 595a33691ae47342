using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Valmetal.AppHost.LocalStack;

namespace Valmetal.AppHost.Startup;

/// <summary>
/// Stops the run at the first resource that fails to start, or exits, before it was ready: with the dashboard on,
/// Aspire would keep its dependents waiting forever. A one-shot resource (one that others wait to complete) is
/// ready when it exits with the code they expect. What happens after a resource was ready is the dashboard's
/// business: a crash or a stop there does not end the run.
/// </summary>
public sealed class StartupWatch(
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    DistributedApplicationModel model,
    LocalStackOptions local,
    IHostApplicationLifetime lifetime,
    ILogger<StartupWatch> logger) : IHostedLifecycleService, IDisposable
{
    private const int OutputLinesShown = 15;

    private static readonly TimeSpan OutputWait = TimeSpan.FromSeconds(5);

    /// <summary>How long a failed start may take to finish starting the rest before it is stopped anyway.</summary>
    private static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(15);

    private readonly TaskCompletionSource<string> _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    /// <summary>Completes with the failure line if the start fails; never completes otherwise.</summary>
    public Task<string> Failure => _failure.Task;

    public string? FailureLine => _failure.Task.IsCompletedSuccessfully ? _failure.Task.Result : null;

    /// <summary>
    /// Watching begins before any hosted service starts: the orchestrator's start returns only once every resource
    /// has been started, that is after every wait for a dependency.
    /// </summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _watching = WatchAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watching;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        var expectedExitCodes = model.Resources
            .SelectMany(r => r.Annotations.OfType<WaitAnnotation>())
            .Where(w => w.WaitType == WaitType.WaitForCompletion)
            .GroupBy(w => w.Resource.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().ExitCode, StringComparer.Ordinal);
        var ready = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (lifetime.ApplicationStopping.IsCancellationRequested || _failure.Task.IsCompleted || ready.Contains(change.ResourceId))
                {
                    continue;
                }

                var snapshot = change.Snapshot;
                var state = snapshot.State?.Text;
                var oneShot = expectedExitCodes.TryGetValue(change.Resource.Name, out var expected);
                if (state == KnownResourceStates.Running && snapshot.HealthStatus == HealthStatus.Healthy && !oneShot)
                {
                    ready.Add(change.ResourceId);
                }
                else if (state == KnownResourceStates.FailedToStart)
                {
                    await FailAsync(change, "failed to start");
                }
                else if (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished)
                {
                    if (oneShot && snapshot.ExitCode == expected)
                    {
                        ready.Add(change.ResourceId);
                    }
                    else
                    {
                        await FailAsync(change, $"exited with code {snapshot.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} before it was ready");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The run is stopping.
        }
    }

    private async Task FailAsync(ResourceEvent change, string what)
    {
        var output = await LastOutputAsync(change.ResourceId);
        var reason = StartFailure.Reason(output);
        var fixedPorts = change.Resource.Annotations.OfType<EndpointAnnotation>()
            .Where(e => e.Port is not null)
            .Select(e => (e.Port!.Value, local.SettingFor(e.Port!.Value)))
            .ToList();
        var line = StartFailure.Line(change.Resource.Name, what, reason, StartFailure.Remedy(reason, fixedPorts));
        if (StartFailure.Readable(output) is { Count: > 0 } readable)
        {
            logger.LogError("Last output of {Resource}:{NewLine}{Output}", change.Resource.Name, Environment.NewLine,
                string.Join(Environment.NewLine, readable.TakeLast(OutputLinesShown).Select(l => "  | " + l)));
        }

        logger.LogCritical("{Failure}", line);
        _failure.TrySetResult(line);
        _ = StopOnceStartedAsync();
    }

    /// <summary>
    /// Stopping while the orchestrator still starts resources would abort the host's start with a cancellation and its
    /// stack trace. Dependents of the failed resource fail at once (StopOnResourceUnavailable), so the start finishes
    /// within moments; one still busy after the grace period is stopped all the same.
    /// </summary>
    private async Task StopOnceStartedAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await Task.WhenAny(started.Task, Task.Delay(StartGrace, _stopping.Token));
        }

        lifetime.StopApplication();
    }

    /// <summary>The resource's console output; a resource that never started may have none.</summary>
    private async Task<IReadOnlyList<string>> LastOutputAsync(string resourceId)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(OutputWait);
        try
        {
            await foreach (var batch in logs.GetAllAsync(resourceId).WithCancellation(timeout.Token))
            {
                lines.AddRange(batch.Select(l => l.Content));
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            logger.LogWarning("The output of {Resource} did not arrive within {Wait}; the reason below may be incomplete", resourceId, OutputWait);
        }
#pragma warning disable CA1031 // The run must still stop with its line when the output cannot be read.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "The output of {Resource} could not be read", resourceId);
        }

        return lines;
    }
}
