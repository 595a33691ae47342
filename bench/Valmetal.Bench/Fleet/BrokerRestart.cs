using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Valmetal.Bench.Fleet;

/// <summary>
/// Restarts the AppHost's broker resource the way the dashboard's buttons do (and the end-to-end suite's broker
/// restart test): stop, which sends SIGTERM so Mosquitto saves its sessions and queues, then start.
/// </summary>
public static class BrokerRestart
{
    /// <returns>How long the broker was down: from the stop command until it runs again.</returns>
    public static async Task<TimeSpan> RestartAsync(DistributedApplication app)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await CommandAsync(app, "resource-stop");
        await app.ResourceNotifications.WaitForResourceAsync("broker", e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart")
            .WaitAsync(TimeSpan.FromSeconds(60));
        await CommandAsync(app, "resource-start");
        await app.ResourceNotifications.WaitForResourceAsync("broker", KnownResourceStates.Running).WaitAsync(TimeSpan.FromSeconds(60));
        return clock.Elapsed;
    }

    private static async Task CommandAsync(DistributedApplication app, string command)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var result = await app.ResourceCommands.ExecuteCommandAsync(model.Resources.Single(r => r.Name == "broker"), command);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} broker: {result.Message}");
        }
    }
}
