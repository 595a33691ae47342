using Npgsql;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>
/// Shows that the telemetry service has handled everything a test published so far, instead of waiting a while:
/// one marker per replica on the events topic, which only tests publish on: an ended fault under a code of its own. The broker hands a shared subscription's
/// messages to its members in turn, so consecutive markers reach every replica, each after what it was sent before
/// (redeliveries included); a replica stores in order. Once every marker is stored, so is (or was ignored) the rest.
/// </summary>
public static class ReplicaMarkers
{
    public static async Task SendAndAwaitAsync(PlatformFixture platform, string thing, Func<string, object, Task> publish)
    {
        var marker = "marker-" + Guid.NewGuid().ToString("N");
        for (var replica = 0; replica < PlatformFixture.TelemetryReplicas; replica++)
        {
            // A fault that ends as it is reported: stored under its own code, and no alarm follows from it.
            await publish(Topics.Events(thing), new EventPayload(DateTimeOffset.UtcNow, $"{marker}-{replica}", AlarmSeverity.Minor, Active: false));
        }

        await Eventually.GetAsync(async () => await StoredAsync(platform, thing, marker) == PlatformFixture.TelemetryReplicas ? "stored" : null,
            TimeSpan.FromSeconds(30), $"{PlatformFixture.TelemetryReplicas} markers to be stored");
    }

    private static async Task<long> StoredAsync(PlatformFixture platform, string thing, string marker)
    {
        // No pooling: a pooled connection from before a database restart would fail on first use.
        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync() + ";Pooling=false");
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select count(*) from {Tables.DeviceEvents} where thing = @thing and code like @marker", db);
        command.Parameters.AddWithValue("thing", thing);
        command.Parameters.AddWithValue("marker", $"%{marker}-%");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
