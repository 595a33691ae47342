using System.Net;
using Npgsql;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;
using Valmetal.EndToEnd.Tests.Platform;
using Xunit.Abstractions;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>
/// Faults during a stream of device messages: a telemetry replica killed or stopped, PostgreSQL restarted, the broker
/// restarted.
/// After recovery every published point is stored exactly once, and the rollups count each once too.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FaultToleranceTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const int Messages = 300;
    private static readonly DemoEquipment Device = PlatformFixture.TestDevice(3);
    private static readonly IReadOnlyList<Valmetal.DeviceContract.Catalogue.MetricDefinition> Metrics = Fleet.ModelOf(Device).Metrics.Take(3).ToList();

    [Fact]
    public Task Killing_a_telemetry_replica_mid_stream_loses_and_duplicates_nothing() =>
        StreamThroughAsync(hoursAgo: 30, async () =>
        {
            platform.Kill("telemetry-1");
            await Task.Delay(TimeSpan.FromSeconds(2));
            await platform.StartAsync("telemetry-1");
        });

    /// <summary>
    /// As a deployment replaces a task: the replica unsubscribes, stores what its session still holds, ends the
    /// session and frees its slot before it exits. A slot left behind would stay leased for its full 15 s.
    /// </summary>
    [Fact]
    public Task Stopping_a_telemetry_replica_gracefully_ends_its_session_and_loses_nothing() =>
        StreamThroughAsync(hoursAgo: 33, async () =>
        {
            await platform.StopAsync("telemetry-2");
            await platform.App.ResourceNotifications.WaitForResourceAsync("telemetry-2", e => e.Snapshot.State?.Text is "Exited" or "Finished")
                .WaitAsync(TimeSpan.FromSeconds(60));
            // The slot is free the moment the replica has gone: a slot left behind would stay leased for 15 s.
            var held = (await ClientSlotRows.ReadAsync(platform)).Count;
            Assert.Equal(PlatformFixture.TelemetryReplicas - 1, held);
            await platform.StartAsync("telemetry-2");
        });

    [Fact]
    public Task Restarting_PostgreSQL_under_load_loses_and_duplicates_nothing() =>
        StreamThroughAsync(hoursAgo: 31, async () =>
        {
            // The API's pool holds open connections when the server goes away.
            Assert.All(await ReadHistoryConcurrentlyAsync(), status => Assert.Equal(HttpStatusCode.OK, status));
            // Fast shutdown: connections are cut and in-flight transactions roll back, as in a failover.
            await platform.SignalAsync("postgres", "INT");
            await platform.StartAsync("postgres");
            // This test process's own pooled connections died with the server; later tests must not inherit them.
            NpgsqlConnection.ClearAllPools();
            await ApiServesFromTheDatabaseAgainAsync();
        });

    /// <summary>
    /// A graceful broker restart (SIGTERM): Mosquitto saves the sessions and their queued messages, but a shared
    /// subscription takes effect again only when its replica subscribes anew. In between, the broker answers device
    /// publishes with 0x10 "no matching subscribers", and a device keeps those messages and retries (device contract).
    /// </summary>
    [Fact]
    public Task Restarting_the_broker_loses_and_duplicates_nothing() =>
        StreamThroughAsync(hoursAgo: 32, async () =>
        {
            await platform.StopAsync("broker");
            await platform.StartAsync("broker");
        });

    private async Task StreamThroughAsync(int hoursAgo, Func<Task> fault)
    {
        // A minute of its own in the past, so neither other tests nor the simulator add to these counts.
        var start = DateTimeOffset.UtcNow.AddHours(-hoursAgo);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(0, 50));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var device = new ResilientDevice(platform.DeviceIdentity(Device.Thing), Device.Thing);
        Task? injected = null;
        for (var i = 0; i < Messages; i++)
        {
            if (i == Messages / 3)
            {
                injected = fault();
            }

            await device.PublishAsync(Topics.Telemetry(Device.Thing), new TelemetryPayload
            {
                Seq = i,
                Ts = start.AddMilliseconds(100 * i),
                // Inside each metric's valid range and below its thresholds: only storage is under test here.
                Metrics = Metrics.ToDictionary(m => m.Key, m => m.MinValid + (m.MaxValid - m.MinValid) * (i % 10) / 20),
            }, timeout.Token);
            await Task.Delay(10, timeout.Token);
        }

        await injected!;
        output.WriteLine($"{Messages} messages published; {device.Retries} publishes retried during the fault");

        var expected = Messages * Metrics.Count;
        await Eventually.PollAsync(() => CountAsync(start), count => count.Points >= expected, TimeSpan.FromSeconds(90));

        // Redeliveries still on their way would show up now as extra points or extra rollup counts.
        await ReplicaMarkers.SendAndAwaitAsync(platform, Device.Thing, (topic, payload) => device.PublishAsync(topic, payload, timeout.Token));
        // The minutes are long closed: the rollup pass recomputes what they marked within its interval.
        var (points, rolledUp, _) = await Eventually.PollAsync(() => CountAsync(start), count => count.Marked == 0, TimeSpan.FromSeconds(60));
        Assert.True(points >= expected, $"{points} of {expected} points stored; messages missing: {await MissingAsync(start)}");

        Assert.Equal(expected, points);
        Assert.Equal(expected, rolledUp);
        await platform.App.ResourceNotifications.WaitForResourceHealthyAsync("telemetry-1").WaitAsync(TimeSpan.FromSeconds(60));
        await platform.App.ResourceNotifications.WaitForResourceHealthyAsync("telemetry-2").WaitAsync(TimeSpan.FromSeconds(60));

        // A session a dead replica left behind is taken over and ended: one slot per running replica again.
        var slots = await Eventually.PollAsync(() => ClientSlotRows.ReadAsync(platform),
            rows => rows.Count == PlatformFixture.TelemetryReplicas, TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Repeat(true, PlatformFixture.TelemetryReplicas), slots.Select(s => s.Current));
    }

    /// <summary>
    /// The API's idle pooled connections died with the server too. Once PostgreSQL is back, no request may fail for
    /// one of them: concurrent requests draw on every pooled connection, so each dead one is met.
    /// </summary>
    private async Task ApiServesFromTheDatabaseAgainAsync()
    {
        await platform.App.ResourceNotifications.WaitForResourceHealthyAsync("postgres").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(await ReadHistoryConcurrentlyAsync(), status => Assert.Equal(HttpStatusCode.OK, status));
    }

    private async Task<HttpStatusCode[]> ReadHistoryConcurrentlyAsync()
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        return await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await admin.GetAsync($"api/equipment/{Device.Thing}/metrics/{Metrics[0].Key}/history");
            return response.StatusCode;
        }));
    }

    private async Task<string> MissingAsync(DateTimeOffset start)
    {
        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync() + ";Pooling=false");
        await db.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select string_agg(i::text, ',') from generate_series(0, @n - 1) i
            where not exists (select 1 from {Tables.Points} p where p.thing = @thing and p.metric = @metric
                              and p.ts = @from + make_interval(secs => i * 0.1))
            """, db);
        command.Parameters.AddWithValue("n", Messages);
        command.Parameters.AddWithValue("thing", Device.Thing);
        command.Parameters.AddWithValue("metric", Metrics[0].Key);
        command.Parameters.AddWithValue("from", start.UtcDateTime);
        var missing = await command.ExecuteScalarAsync() is string seqs ? seqs : "none";
        await using var rejections = new NpgsqlCommand($"""
            select string_agg(reason || ' ×' || count || ': ' || detail, ' | ') from {Tables.Rejections}
            where thing = @thing and last_at > now() - interval '5 minutes'
            """, db);
        rejections.Parameters.AddWithValue("thing", Device.Thing);
        return missing + "; rejected: " + (await rejections.ExecuteScalarAsync() is string reasons ? reasons : "none");
    }

    private async Task<(long Points, long RolledUp, long Marked)> CountAsync(DateTimeOffset start)
    {
        // No pooling: a pooled connection from before a database restart would fail on first use.
        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync() + ";Pooling=false");
        await db.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select (select count(*) from {Tables.Points} where thing = @thing and ts >= @from and ts < @to),
                   (select coalesce(sum(count), 0)::bigint from {Tables.RollupsMinute} where thing = @thing and bucket >= @from and bucket < @to),
                   (select count(*) from {Tables.RollupsPending} where thing = @thing and minute >= @from and minute < @to)
            """, db);
        command.Parameters.AddWithValue("thing", Device.Thing);
        command.Parameters.AddWithValue("from", start.UtcDateTime);
        command.Parameters.AddWithValue("to", start.AddMinutes(1).UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
